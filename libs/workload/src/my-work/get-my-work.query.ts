import { AuthenticatedActor } from '@lc/access';

export class GetMyWorkQuery {
  constructor(readonly actor: AuthenticatedActor) {}
}
