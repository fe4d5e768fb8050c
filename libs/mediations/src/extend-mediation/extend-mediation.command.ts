import { AuthenticatedActor } from '@lc/access';
import { ExtendMediationRequest } from './extend-mediation.schema';

export class ExtendMediationCommand {
  constructor(
    readonly mediationId: string,
    readonly input: ExtendMediationRequest,
    readonly actor: AuthenticatedActor,
    readonly expectedVersion?: number,
    readonly idempotencyKey?: string,
  ) {}
}
