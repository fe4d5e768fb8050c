import { Actor } from '@lc/decider';
import { CommandMeta, Role } from '@lc/access';

export class CreateAccountCommand {
  constructor(
    readonly input: { username: string; password: string; role: Role; subDistrict?: string; displayName?: string },
    readonly meta: CommandMeta<Actor>,
  ) {}
}
