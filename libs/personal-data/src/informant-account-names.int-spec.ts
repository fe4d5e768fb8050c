import { randomUUID } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import { dataSourceOptions } from '@lc/database';
import { PostgresEventStore } from '@lc/event-store';
import { createTestDatabase, TestDatabase } from '@lc/testing';
import { InformantAccountNames1764700000160 } from './migrations/1764700000160-informant-account-names';

/*
 * A database where registering an informant copied their name into their login account: the
 * migration takes it out of the account's events (in place) and out of the users table, leaving
 * staff accounts' names, and everything else in those events, as they were.
 */

let db: TestDatabase;
let dataSource: DataSource;
let runner: QueryRunner;
let raw: PostgresEventStore;
const migration = new InformantAccountNames1764700000160();

const informant = randomUUID();
const mediator = randomUUID();
const former = randomUUID(); // an informant's account later made a mediator's, then renamed
const at = '2025-06-01T00:00:00.000Z';

const created = (accountId: string, username: string, role: string, displayName: string | null) => ({
  type: 'AccountCreated',
  data: { accountId, username, role, subDistrict: 'pinghu', displayName, createdAt: at },
});
const renamed = (displayName: string) => ({ type: 'AccountRenamed', data: { displayName, changedAt: at } });

beforeAll(async () => {
  db = await createTestDatabase('informant-account-names');
  dataSource = await new DataSource(dataSourceOptions(db.url)).initialize();
  runner = dataSource.createQueryRunner();
  raw = new PostgresEventStore({ pool: { connectionString: db.url, max: 2 } });
  const append = (accountId: string, events: { type: string; data: Record<string, unknown> }[]) =>
    raw.append(`account-${accountId}`, events.map((e) => ({ eventId: randomUUID(), ...e, metadata: { actorRole: 'admin' } })));
  await append(informant, [created(informant, 'informant-chen', 'informant', '陈小红'), renamed('陈小红（平湖）'), { type: 'AccountPasswordChanged', data: { changedAt: at } }]);
  await append(mediator, [created(mediator, 'li.mei', 'mediator', '李梅'), renamed('李美')]);
  await append(former, [
    created(former, 'informant-wang', 'informant', '王五'),
    { type: 'AccountRoleChanged', data: { role: 'mediator', subDistrict: 'pinghu', changedAt: at } },
    renamed('王调解'),
  ]);
  // The users table as the accounts projection made it.
  for (const [id, username, role, name] of [
    [informant, 'informant-chen', 'informant', '陈小红（平湖）'],
    [mediator, 'li.mei', 'mediator', '李美'],
    [former, 'informant-wang', 'mediator', '王调解'],
  ]) {
    await dataSource.query(
      `INSERT INTO accounts (id, username, role, sub_district, display_name, active, created_at, updated_at, version)
       VALUES ($1, $2, $3, 'pinghu', $4, true, now(), now(), 1)`,
      [id, username, role, name],
    );
  }
});

afterAll(async () => {
  await raw?.close();
  await runner?.release();
  await dataSource?.destroy();
  await db?.drop();
});

const stored = async (accountId: string) =>
  (await dataSource.query(`SELECT type, data FROM event_store.events WHERE stream_id = $1 ORDER BY stream_version`, [`account-${accountId}`])) as {
    type: string;
    data: Record<string, unknown>;
  }[];
const displayNames = async () =>
  Object.fromEntries(
    ((await dataSource.query(`SELECT id::text AS id, display_name FROM accounts`)) as { id: string; display_name: string | null }[]).map((r) => [r.id, r.display_name]),
  );

describe('the migration taking informants’ names out of their accounts', () => {
  it('clears the display name of an informant’s account in its events and the users table, and nothing else', async () => {
    await migration.up(runner);
    expect(await stored(informant)).toEqual([
      { type: 'AccountCreated', data: { ...created(informant, 'informant-chen', 'informant', null).data } },
      { type: 'AccountRenamed', data: { displayName: null, changedAt: at } },
      { type: 'AccountPasswordChanged', data: { changedAt: at } },
    ]);
    // A name given once the account was a mediator's is a staff name: it stays.
    expect(await stored(former)).toEqual([
      { type: 'AccountCreated', data: { ...created(former, 'informant-wang', 'informant', null).data } },
      { type: 'AccountRoleChanged', data: { role: 'mediator', subDistrict: 'pinghu', changedAt: at } },
      { type: 'AccountRenamed', data: { displayName: '王调解', changedAt: at } },
    ]);
    expect(await stored(mediator)).toEqual([created(mediator, 'li.mei', 'mediator', '李梅'), renamed('李美')]);
    expect(await displayNames()).toEqual({ [informant]: null, [mediator]: '李美', [former]: '王调解' });
    const everything = JSON.stringify(await dataSource.query(`SELECT data FROM event_store.events`));
    for (const name of ['陈小红', '王五']) expect(everything).not.toContain(name);
  });

  it('finds nothing left to do when run again', async () => {
    const before = JSON.stringify(await dataSource.query(`SELECT global_position, data FROM event_store.events ORDER BY global_position`));
    await migration.up(runner);
    expect(JSON.stringify(await dataSource.query(`SELECT global_position, data FROM event_store.events ORDER BY global_position`))).toBe(before);
    expect(await displayNames()).toEqual({ [informant]: null, [mediator]: '李美', [former]: '王调解' });
  });
});
