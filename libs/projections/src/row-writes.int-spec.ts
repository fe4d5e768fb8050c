import { Column, DataSource, Entity, EntityManager, PrimaryColumn } from 'typeorm';
import { dataSourceOptions } from '@lc/database';
import { createTestDatabase, TestDatabase } from '@lc/testing';
import { RowWrites } from './row-writes';

/** Staged from two rows here: the rows of these tests are few. */
const STAGED = 2;

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

/** Records the text of every query sent on the transaction's connection, until the returned stop. */
async function watchStatements(tx: EntityManager, statements: string[]): Promise<() => void> {
  const client = (await tx.queryRunner!.connect()) as { query(sql: unknown, ...rest: unknown[]): unknown };
  const query = client.query.bind(client);
  client.query = (sql: unknown, ...rest: unknown[]) => {
    statements.push(typeof sql === 'string' ? sql : String((sql as { text?: string }).text));
    return query(sql, ...rest);
  };
  return () => {
    client.query = query;
  };
}

const read = () => dataSource.query(`SELECT id, note, count, at, params, tags, done FROM row_writes_probe ORDER BY id`);

it('copies rows exactly as the multi-row insert writes them, DEFAULT where no row gives a column', async () => {
  await dataSource.transaction(async (tx) => {
    const writes = new RowWrites(tx, Probe);
    for (const statement of writes.insert(awkward)) await tx.query(statement.sql, statement.params);
  });
  const inserted = await read();
  await dataSource.query('TRUNCATE row_writes_probe');
  await dataSource.transaction((tx) => new RowWrites(tx, Probe, STAGED).add(awkward));
  const copied = await read();
  expect(copied).toEqual(inserted);
  expect(copied[0].note).toBe(awkward[0].note);
  expect(copied[0].tags).toEqual(awkward[0].tags);
  expect(copied[0].done).toBe(false);
  // The same instants, to the millisecond, whichever form they were written in.
  expect(copied.map((r: Probe) => r.at.toISOString())).toEqual(awkward.map((r) => r.at.toISOString()));
});

it('copies many rows, and a value larger than one of its megabyte buffers, whole and in order', async () => {
  // Multi-byte text fills the buffers unevenly: rows end on both sides of each buffer's end.
  const many: Probe[] = Array.from({ length: 12_000 }, (_, i) => ({
    ...awkward[0],
    id: `m${String(i).padStart(5, '0')}`,
    note: `${'龙岗区劳动争议调解'.repeat(i % 17)}\t${i}`,
    count: i,
  }));
  const large = { ...awkward[1], id: 'z', note: `${'调解'.repeat(400_000)}\\end` }; // 2.4 MB in UTF-8
  await dataSource.transaction((tx) => new RowWrites(tx, Probe).add([...many, large]));
  const rows: Array<{ id: string; note: string; count: number }> = await dataSource.query(`SELECT id, note, count FROM row_writes_probe ORDER BY id`);
  expect(rows).toHaveLength(many.length + 1);
  expect(rows.slice(0, many.length).map((r) => [r.id, r.note, r.count])).toEqual(many.map((r) => [r.id, r.note, r.count]));
  expect(rows[many.length].note).toBe(large.note);
});

it('copies in the transaction: a duplicate key fails it and nothing is kept', async () => {
  await expect(
    dataSource.transaction(async (tx) => {
      const writes = new RowWrites(tx, Probe, STAGED);
      await writes.add(awkward);
      await writes.add([awkward[1]]);
    }),
  ).rejects.toThrow(/duplicate key/);
  expect(await read()).toEqual([]);
});

it('refuses rows that do not give the same columns', async () => {
  await expect(dataSource.transaction((tx) => new RowWrites(tx, Probe, STAGED).add([awkward[1], { ...awkward[0], done: true }]))).rejects.toThrow(
    /do not all give the same columns/,
  );
});

it('writes rows that give the same columns through a staging table, exactly as one INSERT a row writes them', async () => {
  await dataSource.transaction(async (tx) => {
    const writes = new RowWrites(tx, Probe);
    for (const row of awkward) await writes.run(writes.insert([row]));
  });
  const oneByOne = await read();
  await dataSource.query('TRUNCATE row_writes_probe');
  const rows = awkward.map((row, i) => ({ ...row, done: i === 0 }));
  const statements: string[] = [];
  await dataSource.transaction(async (tx) => {
    const stop = await watchStatements(tx, statements);
    await new RowWrites(tx, Probe, STAGED).write(rows);
    // A second write in the same transaction finds the staging table empty.
    await new RowWrites(tx, Probe, STAGED).write([
      { ...awkward[0], id: 'c' },
      { ...awkward[1], id: 'd' },
    ]);
    stop();
  });
  expect(statements.filter((s) => /^INSERT INTO .* SELECT .* FROM "lc_stage_[0-9]+"; DELETE FROM "lc_stage_[0-9]+"$/.test(s))).toHaveLength(2);
  const written = await read();
  expect(written.slice(0, 2)).toEqual(oneByOne.map((row: Probe, i: number) => ({ ...row, done: i === 0 })));
  expect(written.map((r: Probe) => r.id)).toEqual(['a', 'b', 'c', 'd']);
  expect(written[0].note).toBe(awkward[0].note);
  expect(written[0].params).toEqual(awkward[0].params);
  expect(written[0].tags).toEqual(awkward[0].tags);
  expect(written.slice(0, 2).map((r: Probe) => r.at.toISOString())).toEqual(awkward.map((r) => r.at.toISOString()));
  // Emptied at commit: the session's staging table holds nothing once the transaction is over.
  await dataSource.transaction(async (tx) => {
    const stages = await tx.query(`SELECT relname FROM pg_class WHERE relpersistence = 't' AND relname LIKE 'lc_stage_%'`);
    for (const { relname } of stages) expect(await tx.query(`SELECT count(*)::int AS n FROM "${relname}"`)).toEqual([{ n: 0 }]);
  });
});

it('upserts through the staging table: a conflict takes the new values; rows that leave a column DEFAULT unevenly go as VALUES', async () => {
  await dataSource.transaction((tx) => new RowWrites(tx, Probe, STAGED).add(awkward));
  const changed = awkward.map((row) => ({ ...row, count: row.count + 10, note: 'changed' }));
  await dataSource.transaction((tx) => new RowWrites(tx, Probe, STAGED).write(changed, ['id']));
  expect((await read()).map((r: Probe) => [r.id, r.count, r.note, r.done])).toEqual([
    ['a', 13, 'changed', false],
    ['b', 9, 'changed', false],
  ]);
  // Only the second row gives `done`: the first takes the column's DEFAULT, as VALUES writes it.
  await dataSource.transaction((tx) =>
    new RowWrites(tx, Probe, STAGED).write(
      [
        { ...awkward[0], done: undefined, count: 1 },
        { ...awkward[1], done: true, count: 2 },
      ],
      ['id'],
    ),
  );
  expect((await read()).map((r: Probe) => [r.id, r.count, r.done])).toEqual([
    ['a', 1, false],
    ['b', 2, true],
  ]);
});

it('fails a staged write on a duplicate key as VALUES would, keeping nothing', async () => {
  await expect(dataSource.transaction((tx) => new RowWrites(tx, Probe, STAGED).write([awkward[0], awkward[1], { ...awkward[0] }]))).rejects.toThrow(
    /duplicate key/,
  );
  expect(await read()).toEqual([]);
  await expect(
    dataSource.transaction((tx) => new RowWrites(tx, Probe, STAGED).write([awkward[0], awkward[1], { ...awkward[0] }], ['id'])),
  ).rejects.toThrow(/cannot affect row a second time/);
});

it("adds a live batch's few rows as one INSERT, not by COPY, and as COPY would", async () => {
  const statements: string[] = [];
  await dataSource.transaction(async (tx) => {
    const stop = await watchStatements(tx, statements);
    await new RowWrites(tx, Probe).add(awkward);
    stop();
  });
  expect(statements).toHaveLength(1);
  expect(statements[0]).toMatch(/^INSERT INTO "row_writes_probe".* VALUES /);
  expect(statements[0]).not.toMatch(/ON CONFLICT/);
  const inserted = await read();
  await dataSource.query('TRUNCATE row_writes_probe');
  await dataSource.transaction((tx) => new RowWrites(tx, Probe, STAGED).add(awkward));
  expect(await read()).toEqual(inserted);
});

it("writes a live batch's few rows as VALUES, one statement, staging nothing", async () => {
  const statements: string[] = [];
  await dataSource.transaction(async (tx) => {
    const stop = await watchStatements(tx, statements);
    await new RowWrites(tx, Probe).write(awkward, ['id']);
    stop();
  });
  expect(statements).toHaveLength(1);
  expect(statements[0]).toMatch(/^INSERT INTO "row_writes_probe".* VALUES .* ON CONFLICT/);
  expect(await read()).toHaveLength(2);
});
