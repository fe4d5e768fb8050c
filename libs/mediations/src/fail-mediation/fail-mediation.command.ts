import { AuthenticatedActor } from '@lc/access';
import { FailMediationRequest } from './fail-mediation.schema';

export class FailMediationCommand {
  constructor(
    readonly mediationId: string,
    readonly input: FailMediationRequest,
    readonly actor: AuthenticatedActor,
    readonly expectedVersion?: number,
    readonly idempotencyKey?: string,
  ) {}
}
