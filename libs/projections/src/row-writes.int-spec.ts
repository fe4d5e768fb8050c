import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { dataSourceOptions } from '@lc/database';
import { createTestDatabase, TestDatabase } from '@lc/testing';
import { RowWrites } from './row-writes';

@Entity({ name: 'row_writes_probe' })
class Probe {
  @PrimaryColumn('text', { name: 'id' })
  id: string;

  @Column('text', { name: 'note', nullable: true })
  note: string | null;

  @Column('int', { name: 'count' })
  count: number;

  @Column('timestamptz', { name: 'at' })
  at: Date;

  @Column('jsonb', { name: 'params' })
  params: Record<string, unknown>;

  @Column('text', { name: 'tags', array: true })
  tags: string[];

  @Column('boolean', { name: 'done', default: false })
  done?: boolean;
}

let db: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  db = await createTestDatabase('row_writes');
  dataSource = await new DataSource({ ...dataSourceOptions(db.url), entities: [Probe] }).initialize();
  await dataSource.query(
    `CREATE TABLE row_writes_probe (id text PRIMARY KEY, note text, count int NOT NULL, at timestamptz NOT NULL, params jsonb NOT NULL, tags text[] NOT NULL, done boolean NOT NULL DEFAULT false)`,
  );
});

afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
});

beforeEach(() => dataSource.query('TRUNCATE row_writes_probe'));

/** Text that COPY's format would misread unescaped, and the rest of what rows hold. */
const awkward: Probe[] = [
  {
    id: 'a',
    note: 'tab\there, line\nbreak, return\r, backslash \\ and \\N, 调解 "quoted"',
    count: 3,
    at: new Date('2022-03-01T02:03:04.005Z'),
    params: { text: 'a\tb\nc\\d', n: 1, nested: { zh: '龙岗' } },
    tags: ['x,y', 'with "quote"', 'back\\slash', '{brace}'],
  },
  { id: 'b', note: null, count: -1, at: new Date('2026-12-31T23:59:59.999Z'), params: {}, tags: [] },
];

const read = () => dataSource.query(`SELECT id, note, count, at, params, tags, done FROM row_writes_probe ORDER BY id`);

it('copies rows exactly as the multi-row insert writes them, DEFAULT where no row gives a column', async () => {
  await dataSource.transaction(async (tx) => {
    const writes = new RowWrites(tx, Probe);
    for (const statement of writes.insert(awkward)) await tx.query(statement.sql, statement.params);
  });
  const inserted = await read();
  await dataSource.query('TRUNCATE row_writes_probe');
  await dataSource.transaction((tx) => new RowWrites(tx, Probe).copy(awkward));
  const copied = await read();
  expect(copied).toEqual(inserted);
  expect(copied[0].note).toBe(awkward[0].note);
  expect(copied[0].tags).toEqual(awkward[0].tags);
  expect(copied[0].done).toBe(false);
  // The same instants, to the millisecond, whichever form they were written in.
  expect(copied.map((r: Probe) => r.at.toISOString())).toEqual(awkward.map((r) => r.at.toISOString()));
});

it('copies in the transaction: a duplicate key fails it and nothing is kept', async () => {
  await expect(
    dataSource.transaction(async (tx) => {
      const writes = new RowWrites(tx, Probe);
      await writes.copy(awkward);
      await writes.copy([awkward[1]]);
    }),
  ).rejects.toThrow(/duplicate key/);
  expect(await read()).toEqual([]);
});

it('refuses rows that do not give the same columns', async () => {
  await expect(dataSource.transaction((tx) => new RowWrites(tx, Probe).copy([awkward[1], { ...awkward[0], done: true }]))).rejects.toThrow(
    /do not all give the same columns/,
  );
});

it('writes rows that give the same columns as one JSON document, exactly as one INSERT a row writes them', async () => {
  await dataSource.transaction(async (tx) => {
    const writes = new RowWrites(tx, Probe);
    for (const row of awkward) for (const statement of writes.insert([row])) await tx.query(statement.sql, statement.params);
  });
  const oneByOne = await read();
  await dataSource.query('TRUNCATE row_writes_probe');
  const rows = awkward.map((row, i) => ({ ...row, done: i === 0 }));
  await dataSource.transaction(async (tx) => {
    const writes = new RowWrites(tx, Probe);
    const statements = writes.insert(rows);
    expect(statements).toHaveLength(1);
    expect(statements[0].sql).toMatch(/json_populate_recordset/);
    expect(statements[0].params).toHaveLength(1);
    await writes.run(statements);
  });
  const together = await read();
  expect(together).toEqual(oneByOne.map((row: Probe, i: number) => ({ ...row, done: i === 0 })));
  expect(together[0].note).toBe(awkward[0].note);
  expect(together[0].params).toEqual(awkward[0].params);
  expect(together[0].tags).toEqual(awkward[0].tags);
  expect(together.map((r: Probe) => r.at.toISOString())).toEqual(awkward.map((r) => r.at.toISOString()));
});

it('upserts a JSON document: a conflict takes the new values, a row some rows leave DEFAULT goes as VALUES', async () => {
  await dataSource.transaction((tx) => new RowWrites(tx, Probe).copy(awkward));
  const changed = awkward.map((row) => ({ ...row, count: row.count + 10, note: 'changed' }));
  await dataSource.transaction(async (tx) => {
    const writes = new RowWrites(tx, Probe);
    const statements = writes.insert(changed, ['id']);
    expect(statements[0].sql).toMatch(/json_populate_recordset.*ON CONFLICT/);
    await writes.run(statements);
  });
  expect((await read()).map((r: Probe) => [r.id, r.count, r.note, r.done])).toEqual([
    ['a', 13, 'changed', false],
    ['b', 9, 'changed', false],
  ]);
  // Only the second row gives `done`: the first keeps its DEFAULT, so VALUES it is.
  await dataSource.query('TRUNCATE row_writes_probe');
  await dataSource.transaction(async (tx) => {
    const writes = new RowWrites(tx, Probe);
    const statements = writes.insert([{ ...awkward[0], id: 'c' }, { ...awkward[1], id: 'd', done: true }]);
    expect(statements[0].sql).toMatch(/VALUES/);
    await writes.run(statements);
  });
  expect((await read()).map((r: Probe) => [r.id, r.done])).toEqual([
    ['c', false],
    ['d', true],
  ]);
});

it('fails a JSON document on a duplicate key as VALUES would, keeping nothing', async () => {
  await expect(
    dataSource.transaction(async (tx) => {
      const writes = new RowWrites(tx, Probe);
      await writes.run(writes.insert([awkward[0], awkward[1], { ...awkward[0] }]));
    }),
  ).rejects.toThrow(/duplicate key/);
  expect(await read()).toEqual([]);
});
