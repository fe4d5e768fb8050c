/*
 * The personal-data context's migrations, published as @lc/personal-data/migrations for
 * @lc/migrations, which assembles every lib's into the one list. Only the migration files: `worker
 * migrate` loads this without loading any Nest module.
 */
import { PersonalData1763700000120 } from './migrations/1763700000120-personal-data';
import { InformantAccountNames1764700000160 } from './migrations/1764700000160-informant-account-names';
import { SealSkippedLegacyEvents1764800000200 } from './migrations/1764800000200-seal-skipped-legacy-events';

export const migrations = [PersonalData1763700000120, InformantAccountNames1764700000160, SealSkippedLegacyEvents1764800000200];
