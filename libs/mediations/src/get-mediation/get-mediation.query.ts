import { AuthenticatedActor } from '@lc/access';

export class GetMediationQuery {
  constructor(
    readonly mediationId: string,
    readonly actor: AuthenticatedActor,
  ) {}
}
