/*
 * The reporting context's migrations, published as @lc/reporting/migrations for @lc/migrations,
 * which assembles every lib's into the one list. Only the migration files: `worker migrate` loads
 * this without loading any Nest module.
 */
import { Reporting1763700000050 } from './migrations/1763700000050-reporting';
import { MonthlyReportRevisions1764620000134 } from './migrations/1764620000134-monthly-report-revisions';
import { DailyCountsFillfactor1765000000230 } from './migrations/1765000000230-daily-counts-fillfactor';

export const migrations = [Reporting1763700000050, MonthlyReportRevisions1764620000134, DailyCountsFillfactor1765000000230];
