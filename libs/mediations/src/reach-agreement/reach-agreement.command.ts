import { CommandMeta } from '@lc/access';
import { ReachAgreementRequest } from './reach-agreement.schema';

export class ReachAgreementCommand {
  constructor(
    readonly mediationId: string,
    readonly input: ReachAgreementRequest,
    readonly meta: CommandMeta,
  ) {}
}
