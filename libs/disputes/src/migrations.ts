/*
 * The disputes context's migrations, published as @lc/disputes/migrations for @lc/migrations, which
 * assembles every lib's into the one list. Only the migration files: `worker migrate` loads this
 * without loading any Nest module.
 */
import { Disputes1763700000010 } from './read-model/migrations/1763700000010-disputes';
import { ComplaintMediators1764700000175 } from './read-model/migrations/1764700000175-complaint-mediators';

export const migrations = [Disputes1763700000010, ComplaintMediators1764700000175];
