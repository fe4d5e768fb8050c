import { CommandMeta } from '@lc/access';
import { FailMediationRequest } from './fail-mediation.schema';

export class FailMediationCommand {
  constructor(
    readonly mediationId: string,
    readonly input: FailMediationRequest,
    readonly meta: CommandMeta,
  ) {}
}
