import { Client, Pool, Query } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@lc/testing';
import { dataSourceOptions } from './data-source';
import { clientClass, prepared, preparedName, PreparingClient } from './prepared-statements';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('prepared_statements');
  const admin = new Client({ connectionString: db.url });
  await admin.connect();
  await admin.query(`CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)`);
  await admin.query(`INSERT INTO notes VALUES (1, 'one'), (2, 'two')`);
  await admin.end();
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

const NOTE = prepared(`SELECT body FROM notes WHERE id = $1`);
const ADD = prepared(`INSERT INTO notes (id, body) VALUES ($1, $2)`);
const UNMARKED = `SELECT body FROM notes WHERE id = $1 AND body IS NOT NULL`;

/** The statements prepared on the connection `query` runs on. */
async function preparedOn(query: (text: string) => Promise<Array<{ name: string }>>): Promise<string[]> {
  return (await query(`SELECT name FROM pg_prepared_statements ORDER BY name`)).map((row) => row.name);
}

describe('PreparingClient', () => {
  let client: PreparingClient;

  beforeAll(async () => {
    client = new PreparingClient({ connectionString: db.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
  });

  it('sends a marked text as a named statement, prepared once on the connection, with the same answers', async () => {
    expect((await client.query(NOTE, [1])).rows).toEqual([{ body: 'one' }]);
    expect((await client.query(NOTE, [2])).rows).toEqual([{ body: 'two' }]);
    expect((await client.query(UNMARKED, [2])).rows).toEqual([{ body: 'two' }]);
    const names = await preparedOn(async (text) => (await client.query(text)).rows);
    expect(names).toEqual([preparedName(NOTE)]);
    expect(preparedName(UNMARKED)).toBeUndefined();
  });

  it('names a config object whose text is marked, keeping its other settings (rows as arrays)', async () => {
    expect((await client.query({ text: NOTE, values: [2], rowMode: 'array' })).rows).toEqual([['two']]);
    expect((await client.query({ text: UNMARKED, values: [1], rowMode: 'array' })).rows).toEqual([['one']]);
    // A config with a name of its own keeps it.
    expect((await client.query({ name: 'own_name', text: NOTE, values: [1] })).rows).toEqual([{ body: 'one' }]);
    const names = await preparedOn(async (text) => (await client.query(text)).rows);
    expect(names).toEqual([preparedName(NOTE), 'own_name'].sort());
  });

  it('leaves a submittable (a Query, a cursor) as it is, marked text or not', async () => {
    const submitted = client.query(new Query(NOTE, [2]));
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const seen: unknown[] = [];
      submitted.on('row', (row: unknown) => seen.push(row));
      submitted.on('end', () => resolve(seen));
      submitted.on('error', reject);
    });
    expect(rows).toEqual([{ body: 'two' }]);
  });

  it('answers a callback as pg does', async () => {
    const rows = await new Promise<unknown[]>((resolve, reject) =>
      client.query(NOTE, [1], (error, result) => (error ? reject(error) : resolve(result.rows))),
    );
    expect(rows).toEqual([{ body: 'one' }]);
  });

  it("passes a prepared statement's error to its caller and keeps the connection usable", async () => {
    await expect(client.query(ADD, [1, 'again'])).rejects.toMatchObject({ code: '23505' });
    await client.query(ADD, [3, 'three']);
    expect((await client.query(NOTE, [3])).rows).toEqual([{ body: 'three' }]);
  });

  it("gives the same name to the same text, and another to another's", () => {
    expect(preparedName(prepared(`SELECT body FROM notes WHERE id = $1`))).toBe(preparedName(NOTE));
    expect(preparedName(ADD)).not.toBe(preparedName(NOTE));
  });
});

it("prepares through a pool and through TypeORM's queries, unless told not to", async () => {
  const pool = new Pool({ connectionString: db.url, max: 1, Client: PreparingClient });
  const plainPool = new Pool({ connectionString: db.url, max: 1, Client: clientClass(false) });
  const dataSource = await new DataSource(dataSourceOptions(db.url, { extra: { max: 1 } })).initialize();
  try {
    expect((await pool.query(NOTE, [2])).rows).toEqual([{ body: 'two' }]);
    expect(await preparedOn(async (text) => (await pool.query(text)).rows)).toEqual([preparedName(NOTE)]);

    expect((await plainPool.query(NOTE, [2])).rows).toEqual([{ body: 'two' }]);
    expect(await preparedOn(async (text) => (await plainPool.query(text)).rows)).toEqual([]);

    // One connection (max: 1), so the second query sees what the first prepared.
    expect(await dataSource.query(NOTE, [1])).toEqual([{ body: 'one' }]);
    expect(await preparedOn((text) => dataSource.query(text))).toEqual([preparedName(NOTE)]);
  } finally {
    await pool.end();
    await plainPool.end();
    await dataSource.destroy();
  }
});
