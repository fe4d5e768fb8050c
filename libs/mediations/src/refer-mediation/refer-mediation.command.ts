import { CommandMeta } from '@lc/access';
import { ReferMediationRequest } from './refer-mediation.schema';

export class ReferMediationCommand {
  constructor(
    readonly input: ReferMediationRequest,
    readonly meta: CommandMeta,
  ) {}
}
