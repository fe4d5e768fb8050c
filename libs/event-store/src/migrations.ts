/*
 * The event store's migrations (its PostgreSQL adapter's tables and functions), published as
 * @lc/event-store/migrations for @lc/migrations, which assembles every lib's into the one list.
 * Only the migration files: `worker migrate` loads this without loading any Nest module.
 */
import { EventStore1763700000000 } from './postgres/migrations/1763700000000-event-store';
import { EventStoreReadHorizon1763700000090 } from './postgres/migrations/1763700000090-event-store-read-horizon';
import { EventStoreGroupedAppend1763700000091 } from './postgres/migrations/1763700000091-event-store-grouped-append';
import { EventStoreGroupedAppendIndexed1763700000092 } from './postgres/migrations/1763700000092-event-store-grouped-append-indexed';
import { EventStoreReadHorizonEndedTransactions1764800000210 } from './postgres/migrations/1764800000210-event-store-read-horizon-ended-transactions';
import { EventStoreReadHorizonPlanKept1764900000220 } from './postgres/migrations/1764900000220-event-store-read-horizon-plan-kept';
import { EventStoreAppendsByIndex1765200000250 } from './postgres/migrations/1765200000250-event-store-appends-by-index';
import { EventStoreAppendsPlannedOnce1765300000260 } from './postgres/migrations/1765300000260-event-store-appends-planned-once';
import { EventStoreAppendsTakeJsonb1765400000270 } from './postgres/migrations/1765400000270-event-store-appends-take-jsonb';
import { EventStoreGroupedAppendProbesFirstEvent1765500000280 } from './postgres/migrations/1765500000280-event-store-grouped-append-probes-first-event';
import { EventStorePrimaryKeyInLogOrder1765600000290 } from './postgres/migrations/1765600000290-event-store-primary-key-in-log-order';
import { EventStoreTypeIndexDropped1765700000300 } from './postgres/migrations/1765700000300-event-store-type-index-dropped';

export const migrations = [
  EventStore1763700000000,
  EventStoreReadHorizon1763700000090,
  EventStoreGroupedAppend1763700000091,
  EventStoreGroupedAppendIndexed1763700000092,
  EventStoreReadHorizonEndedTransactions1764800000210,
  EventStoreReadHorizonPlanKept1764900000220,
  EventStoreAppendsByIndex1765200000250,
  EventStoreAppendsPlannedOnce1765300000260,
  EventStoreAppendsTakeJsonb1765400000270,
  EventStoreGroupedAppendProbesFirstEvent1765500000280,
  EventStorePrimaryKeyInLogOrder1765600000290,
  EventStoreTypeIndexDropped1765700000300,
];
