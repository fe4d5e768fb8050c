import { CommandMeta } from '@lc/access';
import { DeactivateInformantRequest } from '../register-informant/register-informant.schema';

export class DeactivateInformantCommand {
  constructor(
    readonly informantId: string,
    readonly input: DeactivateInformantRequest,
    readonly meta: CommandMeta,
  ) {}
}
