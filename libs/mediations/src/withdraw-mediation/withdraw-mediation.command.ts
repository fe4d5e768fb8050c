import { CommandMeta } from '@lc/access';
import { WithdrawMediationRequest } from './withdraw-mediation.schema';

export class WithdrawMediationCommand {
  constructor(
    readonly mediationId: string,
    readonly input: WithdrawMediationRequest,
    readonly meta: CommandMeta,
  ) {}
}
