import { AuthenticatedActor } from '@lc/http';

export class GetDisputeQuery {
  constructor(
    readonly disputeId: string,
    readonly actor: AuthenticatedActor,
  ) {}
}
