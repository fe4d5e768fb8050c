import { AuthenticatedActor } from '@lc/http';

export class GetInformantQuery {
  constructor(
    readonly informantId: string,
    readonly actor: AuthenticatedActor,
  ) {}
}
