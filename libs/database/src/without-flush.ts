/**
 * A FROM item that turns `synchronous_commit` off for the current transaction only: its commit
 * returns without waiting for PostgreSQL's WAL flush. For rows whose loss in a crash of PostgreSQL
 * (the last few hundred milliseconds of commits) is harmless because they are written again
 * anyway: idempotency keys (a retry runs the command again) and read models (their checkpoint is
 * lost with them, so the projection applies the same events again). Nothing durable can depend on
 * such a row without it being durable too: any later commit that waits for its flush flushes the
 * WAL up to that point, this row's commit included. Never for events or personal-data keys.
 */
export const WITHOUT_FLUSH = `(SELECT set_config('synchronous_commit', 'off', true)) AS without_flush`;
