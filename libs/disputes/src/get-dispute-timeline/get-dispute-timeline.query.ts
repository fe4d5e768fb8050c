import { AuthenticatedActor } from '@lc/http';

export class GetDisputeTimelineQuery {
  constructor(
    readonly disputeId: string,
    readonly actor: AuthenticatedActor,
  ) {}
}
