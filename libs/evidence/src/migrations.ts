/*
 * The evidence context's migrations, published as @lc/evidence/migrations for @lc/migrations, which
 * assembles every lib's into the one list. Only the migration files: `worker migrate` loads this
 * without loading any Nest module.
 */
import { Evidence1764700000150 } from './migrations/1764700000150-evidence';

export const migrations = [Evidence1764700000150];
