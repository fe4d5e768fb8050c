import { AuthenticatedActor } from '@lc/access';

export class GetDisputeTimelineQuery {
  constructor(
    readonly disputeId: string,
    readonly actor: AuthenticatedActor,
  ) {}
}
