/*
 * The mediations context's migrations, published as @lc/mediations/migrations for @lc/migrations,
 * which assembles every lib's into the one list. Only the migration files: `worker migrate` loads
 * this without loading any Nest module.
 */
import { Mediations1763700000020 } from './read-model/migrations/1763700000020-mediations';

export const migrations = [Mediations1763700000020];
