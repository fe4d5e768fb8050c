import { AuthenticatedActor } from '@lc/access';
import { RegisterInformantRequest } from './register-informant.schema';

export class RegisterInformantCommand {
  constructor(
    readonly input: RegisterInformantRequest,
    readonly actor: AuthenticatedActor,
    readonly idempotencyKey?: string,
  ) {}
}
