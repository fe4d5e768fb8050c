import { AuthenticatedActor } from '@lc/access';

export class GetMediationTimelineQuery {
  constructor(
    readonly mediationId: string,
    readonly actor: AuthenticatedActor,
  ) {}
}
