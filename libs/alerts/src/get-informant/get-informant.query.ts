import { AuthenticatedActor } from '@lc/access';

export class GetInformantQuery {
  constructor(
    readonly informantId: string,
    readonly actor: AuthenticatedActor,
  ) {}
}
