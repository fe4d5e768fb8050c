/*
 * The idempotency keys' migrations, published as @lc/http/migrations for @lc/migrations, which
 * assembles every lib's into the one list. Only the migration files: `worker migrate` loads this
 * without loading any Nest module.
 */
import { IdempotencyKeys1763700000004 } from './idempotency/migrations/1763700000004-idempotency-keys';
import { IdempotencyKeyLeases1763700000105 } from './idempotency/migrations/1763700000105-idempotency-key-leases';

export const migrations = [IdempotencyKeys1763700000004, IdempotencyKeyLeases1763700000105];
