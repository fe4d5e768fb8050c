import { CommandMeta } from '@lc/access';
import { ExtendMediationRequest } from './extend-mediation.schema';

export class ExtendMediationCommand {
  constructor(
    readonly mediationId: string,
    readonly input: ExtendMediationRequest,
    readonly meta: CommandMeta,
  ) {}
}
