/*
 * The accounts context's migrations (accounts, credentials, refresh tokens, sessions), published as
 * @lc/accounts/migrations for @lc/migrations, which assembles every lib's into the one list. Only
 * the migration files: `worker migrate` loads this without loading any Nest module.
 */
import { Accounts1763700000003 } from './migrations/1763700000003-accounts';
import { Sessions1764620000100 } from './migrations/1764620000100-sessions';

export const migrations = [Accounts1763700000003, Sessions1764620000100];
