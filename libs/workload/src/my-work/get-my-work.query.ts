import { AuthenticatedActor } from '@lc/http';

export class GetMyWorkQuery {
  constructor(readonly actor: AuthenticatedActor) {}
}
