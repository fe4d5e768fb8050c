import { Actor } from '@lc/decider';
import { CommandMeta } from '@lc/access';
import { AccountChanges } from './update-account.schema';

export type { AccountChanges };

export class UpdateAccountCommand {
  constructor(
    readonly accountId: string,
    readonly changes: AccountChanges,
    readonly meta: CommandMeta<Actor>,
  ) {}
}
