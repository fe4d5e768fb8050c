/*
 * The projection checkpoints' migrations, published as @lc/projections/migrations for
 * @lc/migrations, which assembles every lib's into the one list. Only the migration files: `worker
 * migrate` loads this without loading any Nest module.
 */
import { ProjectionCheckpoints1763700000001 } from './migrations/1763700000001-projection-checkpoints';
import { ProjectionFreshness1764620000133 } from './migrations/1764620000133-projection-freshness';
import { ProjectionIndexesSetAside1765100000240 } from './migrations/1765100000240-projection-indexes-set-aside';

export const migrations = [ProjectionCheckpoints1763700000001, ProjectionFreshness1764620000133, ProjectionIndexesSetAside1765100000240];
