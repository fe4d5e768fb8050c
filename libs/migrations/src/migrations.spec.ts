import { migrationTimestamp, migrations } from './index';

/*
 * Databases already migrated record each migration by its name in schema_migrations: a name that
 * changes or goes missing would run again or never. These are the 24 names as they stood when the
 * migrations moved from libs/database beside their owners (issue 13), in the order TypeORM ran them,
 * then those added since.
 */
const RECORDED = [
  'EventStore1763700000000',
  'ProjectionCheckpoints1763700000001',
  'Timeline1763700000002',
  'Accounts1763700000003',
  'IdempotencyKeys1763700000004',
  'Disputes1763700000010',
  'Notifications1763700000011',
  'Mediations1763700000020',
  'Clocks1763700000030',
  'Alerts1763700000040',
  'Informants1763700000041',
  'Reporting1763700000050',
  'Imports1763700000070',
  'EventStoreReadHorizon1763700000090',
  'EventStoreGroupedAppend1763700000091',
  'EventStoreGroupedAppendIndexed1763700000092',
  'IdempotencyKeyLeases1763700000105',
  'PersonalData1763700000120',
  'NotificationRecipients1763700000121',
  'ClockReferences1763700000122',
  'Sessions1764620000100',
  'ProjectionFreshness1764620000133',
  'MonthlyReportRevisions1764620000134',
  'Evidence1764700000150',
  'InformantAccountNames1764700000160',
  'ComplaintMediators1764700000175',
  'ClockEmployerCreditCodes1764700000181',
  'ClockCompletion1764700000190',
  'SealSkippedLegacyEvents1764800000200',
  'EventStoreReadHorizonEndedTransactions1764800000210',
  'EventStoreReadHorizonPlanKept1764900000220',
  'DailyCountsFillfactor1765000000230',
  'ProjectionIndexesSetAside1765100000240',
  'EventStoreAppendsByIndex1765200000250',
  'EventStoreAppendsPlannedOnce1765300000260',
  'EventStoreAppendsTakeJsonb1765400000270',
  'EventStoreGroupedAppendProbesFirstEvent1765500000280',
  'EventStorePrimaryKeyInLogOrder1765600000290',
  'EventStoreTypeIndexDropped1765700000300',
];

/** The name TypeORM records: the instance's `name` if it has one, else the class name. */
const recordedName = (migration: (typeof migrations)[number]) => new migration().name ?? migration.name;

describe('the assembled migrations', () => {
  it('hold every migration exactly once', () => {
    expect(new Set(migrations).size).toBe(migrations.length);
    expect(new Set(migrations.map(recordedName)).size).toBe(migrations.length);
  });

  it('are in timestamp order, the order TypeORM runs them in', () => {
    const timestamps = migrations.map(migrationTimestamp);
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
  });

  it('keep the names already recorded, and add new ones only after them', () => {
    expect(migrations.slice(0, RECORDED.length).map(recordedName)).toEqual(RECORDED);
    expect(migrations.map((migration) => migration.name).slice(0, RECORDED.length)).toEqual(RECORDED);
  });
});
