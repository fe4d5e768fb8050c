import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@lc/database';
import { createTestDatabase, TestDatabase } from '@lc/testing';
import { MasterKey } from './cipher';
import { PostgresPersonKeyStore, Query } from './postgres-person-key-store';

let db: TestDatabase;
let dataSource: DataSource;
let store: PostgresPersonKeyStore;
const master = new MasterKey(Buffer.alloc(32, 3));
const id = (value: string) => master.digest('identity', value);

beforeAll(async () => {
  db = await createTestDatabase('person-keys');
  dataSource = await new DataSource(dataSourceOptions(db.url, { extra: { max: 6 } })).initialize();
  store = new PostgresPersonKeyStore((async (sql: string, params?: unknown[]) => dataSource.query(sql, params)) as Query, master);
});
afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
});

describe('PostgresPersonKeyStore', () => {
  it('gives one person per identity, in one call and across calls, and a new one for each unidentified', async () => {
    const [a, b, c, d] = await store.obtain([
      { identity: id('x'), lookups: [master.digest('idNumber', 'x')] },
      { identity: id('x'), lookups: [master.digest('phone', '1')] },
      { identity: null, lookups: [] },
      { identity: null, lookups: [] },
    ]);
    expect(b).toEqual(a);
    expect(c.personId).not.toBe(d.personId);
    const [again] = await store.obtain([{ identity: id('x'), lookups: [] }]);
    expect(again).toEqual(a);
    expect(await store.personsByLookup([master.digest('phone', '1')])).toEqual([a.personId]);
    expect((await store.keysOf([a.personId, c.personId])).get(a.personId)).toEqual(a.key);
  });

  it('answers each of many requests in one call (more than nine: in order, not sorted as text), known and new alike', async () => {
    const known = await store.obtain(Array.from({ length: 12 }, (_, i) => ({ identity: id(`many-${i}`), lookups: [] })));
    const mixed = await store.obtain(
      Array.from({ length: 25 }, (_, i) => (i % 2 ? { identity: id(`many-${i % 12}`), lookups: [] } : { identity: null, lookups: [] })),
    );
    mixed.forEach((person, i) => {
      if (i % 2) expect(person).toEqual(known[i % 12]);
      else expect(known.map((k) => k.personId)).not.toContain(person.personId);
    });
    const keys = await store.keysOf(mixed.map((p) => p.personId));
    for (const person of mixed) expect(keys.get(person.personId)).toEqual(person.key);
  });

  it('gives one person when many appends name the same new identity at once', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => store.obtain([{ identity: id('race'), lookups: [master.digest('idNumber', 'race')] }])));
    expect(new Set(results.map(([p]) => p.personId)).size).toBe(1);
    expect(new Set(results.map(([p]) => p.key.toString('hex'))).size).toBe(1);
  });

  it('keeps keys wrapped (a copy of the table opens nothing), and destroys key and lookups on erasure', async () => {
    const [p] = await store.obtain([{ identity: id('gone'), lookups: [master.digest('idNumber', 'gone')] }]);
    const [{ wrapped_key }] = await dataSource.query(`SELECT wrapped_key FROM person_keys WHERE person_id = $1`, [p.personId]);
    expect(Buffer.compare(wrapped_key, p.key)).not.toBe(0);
    expect((wrapped_key as Buffer).includes(p.key)).toBe(false);
    await store.destroy(p.personId, new Date('2026-11-30T00:00:00Z'));
    await store.destroy(p.personId, new Date('2026-12-01T00:00:00Z'));
    expect((await store.keysOf([p.personId])).size).toBe(0);
    expect(await store.personsByLookup([master.digest('idNumber', 'gone')])).toEqual([]);
    expect(await store.erasures([p.personId])).toEqual(new Map([[p.personId, new Date('2026-11-30T00:00:00Z')]]));
    const [fresh] = await store.obtain([{ identity: id('gone'), lookups: [] }]);
    expect(fresh.personId).not.toBe(p.personId);
  });
});
