/*
 * The alerts context's migrations (alerts, informants), published as @lc/alerts/migrations for
 * @lc/migrations, which assembles every lib's into the one list. Only the migration files: `worker
 * migrate` loads this without loading any Nest module.
 */
import { Alerts1763700000040 } from './read-model/migrations/1763700000040-alerts';
import { Informants1763700000041 } from './read-model/migrations/1763700000041-informants';

export const migrations = [Alerts1763700000040, Informants1763700000041];
