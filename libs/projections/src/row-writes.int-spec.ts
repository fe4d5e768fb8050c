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
