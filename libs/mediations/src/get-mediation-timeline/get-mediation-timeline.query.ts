import { AuthenticatedActor } from '@lc/http';

export class GetMediationTimelineQuery {
  constructor(
    readonly mediationId: string,
    readonly actor: AuthenticatedActor,
  ) {}
}
