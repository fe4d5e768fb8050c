import { CommandMeta } from '@lc/access';
import { RegisterInformantRequest } from './register-informant.schema';

export class RegisterInformantCommand {
  constructor(
    readonly input: RegisterInformantRequest,
    readonly meta: CommandMeta,
  ) {}
}
