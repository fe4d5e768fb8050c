/*
 * The imports context's migrations, published as @lc/imports/migrations for @lc/migrations, which
 * assembles every lib's into the one list. Only the migration files: `worker migrate` loads this
 * without loading any Nest module.
 */
import { Imports1763700000070 } from './migrations/1763700000070-imports';

export const migrations = [Imports1763700000070];
