import { AuthenticatedActor } from '@lc/http';

export class GetMediationQuery {
  constructor(
    readonly mediationId: string,
    readonly actor: AuthenticatedActor,
  ) {}
}
