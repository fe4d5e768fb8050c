import { Actor } from '@lc/decider';
import { CommandMeta } from '@lc/access';
import { CreateAccountRequest } from './create-account.schema';

export class CreateAccountCommand {
  constructor(
    readonly input: CreateAccountRequest,
    readonly meta: CommandMeta<Actor>,
  ) {}
}
