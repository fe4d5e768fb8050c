import { randomUUID } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import { dataSourceOptions } from '@lc/database';
import { PostgresEventStore, RecordedEvent } from '@lc/event-store';
import { createTestDatabase, TestDatabase } from '@lc/testing';
import { PersonalData1763700000120 } from './migrations/1763700000120-personal-data';
import { isSealed } from './cipher';
import { masterKeyFromEnvironment, sealLegacyEvents } from './legacy-events';
import { PersonalDataProtection } from './personal-data-protection';
import { PERSONAL_FIELDS, personsIn } from './personal-fields';
import { PostgresPersonKeyStore, Query } from './postgres-person-key-store';

/*
 * A database made before crypto-shredding: its events hold names, ID numbers and phones in clear.
 * The migration seals them in place (the one rewrite of the event log), gives each person one key,
 * and rewinds the read models that kept them, so that they are rebuilt from the sealed events.
 */

let db: TestDatabase;
let dataSource: DataSource;
let runner: QueryRunner;
let raw: PostgresEventStore;
const migration = new PersonalData1763700000120();
const master = masterKeyFromEnvironment();

const ID_NUMBER = '11010519491231002X';
const legacy = {
  dispute: {
    disputeId: 'd-1',
    caseNo: 'LG-PH-2025-0001',
    workersInvolved: 40,
    amountClaimedFen: 98_765_400,
    claimants: [{ name: '张三', idNumber: ID_NUMBER, phone: '13812345678' }, { name: '李四' }],
  },
  mediation: { mediationId: 'm-1', claimAmountFen: 12_000_000, workers: [{ name: '张三', idNumber: ID_NUMBER }] },
  informant: { informantId: 'i-1', name: '陈小红', phone: '13987654321', subDistrict: 'pinghu', enterprises: ['91440300708461136T'] },
};

beforeAll(async () => {
  db = await createTestDatabase('legacy-personal-data');
  dataSource = await new DataSource(dataSourceOptions(db.url)).initialize();
  runner = dataSource.createQueryRunner();
  // Back to the schema before this change, then the records of that time, written in clear.
  await migration.down(runner);
  raw = new PostgresEventStore({ pool: { connectionString: db.url, max: 2 } });
  const event = (type: string, data: Record<string, unknown>) => [{ eventId: randomUUID(), type, data, metadata: { actorRole: 'mediator' } }];
  await raw.append('dispute-d-1', event('DisputeOpened', legacy.dispute));
  await raw.append('dispute-d-1', event('RecoveryRecorded', { amountFen: 1_234_500, recoveredOn: '2025-06-01', note: '张三已收到' }));
  await raw.append('mediation-m-1', event('MediationReferred', legacy.mediation));
  await raw.append('informant-i-1', event('InformantRegistered', legacy.informant));
  // A read model built from them, with the full phone in it.
  await dataSource.query(
    `INSERT INTO informants (id, name, phone, sub_district, enterprises, enterprise_count, active, registered_at, updated_at, version)
     VALUES ($1, '陈小红', '13987654321', 'pinghu', '{}', 0, true, now(), now(), 1)`,
    [randomUUID()],
  );
  await dataSource.query(`INSERT INTO projection_checkpoints (name, position, events_applied) VALUES ('informants', '1-1', 1), ('timeline', '1-1', 1)`);
});

afterAll(async () => {
  await raw?.close();
  await runner?.release();
  await dataSource?.destroy();
  await db?.drop();
});

const storedRows = async () =>
  (await dataSource.query(`SELECT type, data FROM event_store.events ORDER BY global_position`)) as { type: string; data: Record<string, unknown> }[];

describe('the personal-data migration on a database made before it', () => {
  it('seals every name, ID number and phone in place, and nothing else', async () => {
    expect(JSON.stringify(await storedRows())).toContain(ID_NUMBER);
    await migration.up(runner);
    const rows = await storedRows();
    expect(rows.map((r) => r.type)).toEqual(['DisputeOpened', 'RecoveryRecorded', 'MediationReferred', 'InformantRegistered']);
    const text = JSON.stringify(rows.filter((r) => r.type !== 'RecoveryRecorded'));
    for (const secret of [ID_NUMBER, '张三', '李四', '13812345678', '陈小红', '13987654321']) expect(text).not.toContain(secret);
    for (const row of rows) {
      for (const person of personsIn(row.type, row.data)) {
        expect(person.personId).toMatch(/^[0-9a-f-]{36}$/);
        for (const field of PERSONAL_FIELDS) if (person[field] !== undefined) expect(isSealed(person[field])).toBe(true);
      }
    }
    expect(rows[0].data).toMatchObject({ caseNo: 'LG-PH-2025-0001', workersInvolved: 40, amountClaimedFen: 98_765_400 });
    // Free text is not personal data by this rule: it stays as it was (docs/decisions/0012).
    expect(rows[1].data).toEqual({ amountFen: 1_234_500, recoveredOn: '2025-06-01', note: '张三已收到' });
  });

  it('opens them to what they were, one person per ID number across records', async () => {
    const query = (async (sql: string, params?: unknown[]) => dataSource.query(sql, params)) as Query;
    const protection = new PersonalDataProtection(new PostgresPersonKeyStore(query, master), master, { cacheSeconds: 0 });
    const stored = (await storedRows()).map((r, i) => ({ ...r, eventId: `e${i}`, metadata: {}, streamId: 's', streamVersion: 1, globalPosition: '', recordedAt: new Date() })) as RecordedEvent[];
    const [dispute, , mediation, informant] = await protection.decode(stored);
    const claimants = dispute.data.claimants as { personId: string }[];
    expect(dispute.data.claimants).toEqual(legacy.dispute.claimants.map((c, i) => ({ ...c, personId: claimants[i].personId })));
    expect(mediation.data.workers).toEqual([{ ...legacy.mediation.workers[0], personId: claimants[0].personId }]);
    expect(informant.data).toEqual({ ...legacy.informant, personId: expect.any(String) });
    expect(await protection.personsMatching({ phone: '13987654321' })).toEqual([informant.data.personId]);
  });

  it('rewinds the read models that kept persons (rebuilt by the worker), and leaves the others', async () => {
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM informants`)).toEqual([{ n: 0 }]);
    const checkpoints = await dataSource.query(`SELECT name, position FROM projection_checkpoints ORDER BY name`);
    expect(checkpoints).toEqual([
      { name: 'informants', position: null },
      { name: 'timeline', position: '1-1' },
    ]);
  });

  it('seals a log longer than one batch of 500, none skipped (positions ordered as numbers, not as text)', async () => {
    const query = (async (sql: string, params?: unknown[]) => dataSource.query(sql, params)) as Query;
    await Promise.all(
      Array.from({ length: 1200 }, (_, i) =>
        raw.append(`dispute-many-${i}`, [
          { eventId: randomUUID(), type: 'DisputeOpened', data: { disputeId: `many-${i}`, caseNo: `LG-PH-2025-${i}`, claimants: [{ name: `职工甲${i}` }] }, metadata: {} },
        ]),
      ),
    );
    expect(await sealLegacyEvents(query, () => master)).toBe(1200);
    const rows: { text: string }[] = await dataSource.query(`SELECT data::text AS text FROM event_store.events WHERE stream_id LIKE 'dispute-many-%'`);
    expect(rows).toHaveLength(1200);
    expect(rows.filter((r) => r.text.includes('职工甲'))).toEqual([]);
  });

  it('finds nothing left to do when run again', async () => {
    const query = (async (sql: string, params?: unknown[]) => dataSource.query(sql, params)) as Query;
    const before = JSON.stringify(await storedRows());
    expect(await sealLegacyEvents(query, () => master)).toBe(0);
    expect(JSON.stringify(await storedRows())).toBe(before);
  });
});
