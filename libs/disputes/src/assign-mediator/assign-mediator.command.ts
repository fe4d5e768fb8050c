import { AuthenticatedActor } from '@lc/access';
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
