import { MigrationInterface, QueryRunner } from 'typeorm';
// This context's own sealing code, by path: its index would bring the Nest modules into `migrate`.
import { masterKeyFromEnvironment, sealLegacyEventsAndRewind } from '../legacy-events';
import type { Query } from '../postgres-person-key-store';

/**
 * 1763700000120 sealed legacy events page by page, ordering the positions as text: on a log of more
 * than 500 such events, some pages skipped events, which kept names, ID numbers and phones in clear.
 * The same sealing again, ordered by number: events already sealed are left alone, so a database
 * where nothing was skipped (every new one) finds nothing to do.
 */
export class SealSkippedLegacyEvents1764800000200 implements MigrationInterface {
  name = 'SealSkippedLegacyEvents1764800000200';

  async up(q: QueryRunner): Promise<void> {
    const query = (async (sql: string, params?: unknown[]) => q.query(sql, params)) as Query;
    await sealLegacyEventsAndRewind(query, () => masterKeyFromEnvironment());
  }

  async down(): Promise<void> {
    // Sealed events stay sealed.
  }
}
