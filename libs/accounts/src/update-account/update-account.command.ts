import { Actor } from '@lc/decider';
import { CommandMeta, Role } from '@lc/access';

export interface AccountChanges {
  role?: Role;
  /** null: district-wide (supervisors). */
  subDistrict?: string | null;
  displayName?: string;
  password?: string;
  active?: boolean;
}

export class UpdateAccountCommand {
  constructor(
    readonly accountId: string,
    readonly changes: AccountChanges,
    readonly meta: CommandMeta<Actor>,
  ) {}
}
