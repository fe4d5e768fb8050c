import { AuthenticatedActor } from '@lc/access';
import { ChangeWorkersInvolvedRequest } from './change-workers-involved.schema';

export class ChangeWorkersInvolvedCommand {
  constructor(
    readonly disputeId: string,
    readonly input: ChangeWorkersInvolvedRequest,
    readonly actor: AuthenticatedActor,
    readonly expectedVersion?: number,
    readonly idempotencyKey?: string,
  ) {}
}
