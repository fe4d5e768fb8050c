import { EventStore1763700000000 } from './1763700000000-event-store';
import { ProjectionCheckpoints1763700000001 } from './1763700000001-projection-checkpoints';
import { Timeline1763700000002 } from './1763700000002-timeline';
import { Accounts1763700000003 } from './1763700000003-accounts';
import { IdempotencyKeys1763700000004 } from './1763700000004-idempotency-keys';
import { Disputes1763700000010 } from './1763700000010-disputes';
import { Notifications1763700000011 } from './1763700000011-notifications';
import { Clocks1763700000030 } from './1763700000030-clocks';
import { Mediations1763700000020 } from './1763700000020-mediations';
import { Alerts1763700000040 } from './1763700000040-alerts';
import { Informants1763700000041 } from './1763700000041-informants';
import { Imports1763700000070 } from './1763700000070-imports';
import { Reporting1763700000050 } from './1763700000050-reporting';
import { EventStoreReadHorizon1763700000090 } from './1763700000090-event-store-read-horizon';
import { EventStoreGroupedAppend1763700000091 } from './1763700000091-event-store-grouped-append';
import { EventStoreGroupedAppendIndexed1763700000092 } from './1763700000092-event-store-grouped-append-indexed';
import { IdempotencyKeyLeases1763700000105 } from './1763700000105-idempotency-key-leases';
import { PersonalData1763700000120 } from './1763700000120-personal-data';
import { NotificationRecipients1763700000121 } from './1763700000121-notification-recipients';
import { ClockReferences1763700000122 } from './1763700000122-clock-references';
import { Sessions1764620000100 } from './1764620000100-sessions';
import { ProjectionFreshness1764620000133 } from './1764620000133-projection-freshness';
import { MonthlyReportRevisions1764620000134 } from './1764620000134-monthly-report-revisions';
import { Evidence1764700000150 } from './1764700000150-evidence';

/** Every migration of the one PostgreSQL schema, oldest first. Add new ones at the end. */
export const migrations = [
  EventStore1763700000000,
  ProjectionCheckpoints1763700000001,
  Timeline1763700000002,
  Accounts1763700000003,
  IdempotencyKeys1763700000004,
  Disputes1763700000010,
  Notifications1763700000011,
  Clocks1763700000030,
  Mediations1763700000020,
  Alerts1763700000040,
  Informants1763700000041,
  Reporting1763700000050,
  Imports1763700000070,
  EventStoreReadHorizon1763700000090,
  EventStoreGroupedAppend1763700000091,
  EventStoreGroupedAppendIndexed1763700000092,
  IdempotencyKeyLeases1763700000105,
  PersonalData1763700000120,
  NotificationRecipients1763700000121,
  ClockReferences1763700000122,
  Sessions1764620000100,
  ProjectionFreshness1764620000133,
  MonthlyReportRevisions1764620000134,
  Evidence1764700000150,
];
