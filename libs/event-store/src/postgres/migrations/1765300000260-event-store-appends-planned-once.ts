import { MigrationInterface, QueryRunner } from 'typeorm';
import { APPEND_FUNCTIONS } from './1765200000250-event-store-appends-by-index';

/**
 * The append functions plan their statements once per connection (ADR 0020). PL/pgSQL may keep a
 * statement's generic plan or plan it again for every call's arguments, and for the grouped append
 * it planned again: under the bench's HTTP load its main statement was planned on 844 of 1,186
 * calls at 766 µs a plan, half as long as it took to run. Every plan of theirs is an index probe
 * whatever the arguments (enable_seqscan is off for them, migration 1765200000250, and each
 * look-up is keyed by its own stream), so one plan for all arguments serves. The setting holds
 * during the call only.
 */
export class EventStoreAppendsPlannedOnce1765300000260 implements MigrationInterface {
  name = 'EventStoreAppendsPlannedOnce1765300000260';

  async up(q: QueryRunner): Promise<void> {
    for (const fn of APPEND_FUNCTIONS) await q.query(`ALTER FUNCTION ${fn} SET plan_cache_mode = force_generic_plan`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const fn of APPEND_FUNCTIONS) await q.query(`ALTER FUNCTION ${fn} RESET plan_cache_mode`);
  }
}
