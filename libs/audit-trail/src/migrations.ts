/*
 * The audit trail's migrations (the timeline), published as @lc/audit-trail/migrations for
 * @lc/migrations, which assembles every lib's into the one list. Only the migration files: `worker
 * migrate` loads this without loading any Nest module.
 */
import { Timeline1763700000002 } from './migrations/1763700000002-timeline';

export const migrations = [Timeline1763700000002];
