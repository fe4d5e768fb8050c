import { AuthenticatedActor } from '@lc/access';

export class GetDisputeQuery {
  constructor(
    readonly disputeId: string,
    readonly actor: AuthenticatedActor,
  ) {}
}
