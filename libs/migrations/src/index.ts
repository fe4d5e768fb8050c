/*
 * Every migration of the one PostgreSQL schema, assembled from the libs that own the tables: each
 * keeps its migrations beside its read model (or store) and publishes them as @lc/<lib>/migrations.
 * The list lives up here, above the contexts, because libs/database (which runs it) is a floor below
 * them. Only migration files are loaded, so `worker migrate` stays light.
 *
 * A new migration goes beside the code that owns its tables, into that lib's migrations.ts; its
 * class name ends in a timestamp later than every other (TypeORM runs them in timestamp order).
 */
import type { Migration } from '@lc/database';
import { migrations as accounts } from '@lc/accounts/migrations';
import { migrations as alerts } from '@lc/alerts/migrations';
import { migrations as auditTrail } from '@lc/audit-trail/migrations';
import { migrations as clocks } from '@lc/clocks/migrations';
import { migrations as disputes } from '@lc/disputes/migrations';
import { migrations as eventStore } from '@lc/event-store/migrations';
import { migrations as evidence } from '@lc/evidence/migrations';
import { migrations as idempotencyKeys } from '@lc/http/migrations';
import { migrations as imports } from '@lc/imports/migrations';
import { migrations as mediations } from '@lc/mediations/migrations';
import { migrations as notifications } from '@lc/notifications/migrations';
import { migrations as personalData } from '@lc/personal-data/migrations';
import { migrations as projections } from '@lc/projections/migrations';
import { migrations as reporting } from '@lc/reporting/migrations';

/** The timestamp TypeORM reads from the end of a migration's class name. */
export function migrationTimestamp(migration: Migration): number {
  const digits = /(\d{13})$/.exec(migration.name);
  if (!digits) throw new Error(`migration ${migration.name}: its class name must end in a 13-digit timestamp`);
  return Number(digits[1]);
}

/** Oldest first, the order TypeORM applies them in. */
export const migrations: Migration[] = [
  ...eventStore,
  ...projections,
  ...idempotencyKeys,
  ...auditTrail,
  ...accounts,
  ...disputes,
  ...notifications,
  ...mediations,
  ...clocks,
  ...alerts,
  ...reporting,
  ...imports,
  ...personalData,
  ...evidence,
].sort((a, b) => migrationTimestamp(a) - migrationTimestamp(b));
