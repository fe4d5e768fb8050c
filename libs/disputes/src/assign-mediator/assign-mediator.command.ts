import { AuthenticatedActor } from '@lc/http';
import { AssignMediatorRequest } from './assign-mediator.schema';

export class AssignMediatorCommand {
  constructor(
    readonly disputeId: string,
    readonly input: AssignMediatorRequest,
    readonly actor: AuthenticatedActor,
    readonly expectedVersion?: number,
    readonly idempotencyKey?: string,
  ) {}
}
