import { CommandMeta } from '@lc/access';
import { ChangeInformantEnterprisesRequest } from '../register-informant/register-informant.schema';

export class ChangeInformantEnterprisesCommand {
  constructor(
    readonly informantId: string,
    readonly input: ChangeInformantEnterprisesRequest,
    readonly meta: CommandMeta,
  ) {}
}
