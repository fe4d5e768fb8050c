import { EntityManager } from 'typeorm';
import { StatementBatch } from './statement-batch';

/** The text each round trip would send: what the batch gives tx.query. */
function capture(): { tx: EntityManager; sent: string[] } {
  const sent: string[] = [];
  const tx = { query: async (sql: string, params?: unknown[]) => void sent.push(params ? `${sql} ${JSON.stringify(params)}` : sql) };
  return { tx: tx as unknown as EntityManager, sent };
}

describe('StatementBatch', () => {
  it('inlines every parameter as a quoted literal, $10 apart from $1, in one pass', async () => {
    const { tx, sent } = capture();
    const batch = new StatementBatch(tx);
    const params = ['a', 2, null, true, new Date('2022-03-14T01:30:00Z'), { k: "it's" }, ['x', 'y'], 8, 9, 'ten'];
    batch.add('UPDATE t SET a = $1, b = $2, c = $3, d = $4, e = $5, f = $6, g = $7, j = $10 WHERE h = $8 AND i = $9', params);
    await batch.flush();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^UPDATE t SET a = 'a', b = '2', c = NULL, d = 'true', e = '2022-03-14T\d\d:30:00\.000[+-]\d\d:\d\d', /);
    expect(sent[0]).toContain(`f = '{"k":"it''s"}', g = '{"x","y"}', j = 'ten' WHERE h = '8' AND i = '9'`);
  });

  it('never reads a value as a placeholder, and escapes backslashes', async () => {
    const { tx, sent } = capture();
    const batch = new StatementBatch(tx);
    batch.add('INSERT INTO t VALUES ($1, $2)', ['costs $2 \\ more', 'second']);
    await batch.flush();
    expect(sent[0]).toBe(`INSERT INTO t VALUES ( E'costs $2 \\\\ more', 'second')`);
  });

  it('sends the statements in order, several per round trip, and refuses a missing parameter', async () => {
    const { tx, sent } = capture();
    const batch = new StatementBatch(tx);
    for (let i = 0; i < 1200; i++) batch.add('SELECT $1', [i]);
    await batch.flush();
    expect(sent).toHaveLength(3);
    expect(sent.join(';\n').split(';\n')).toEqual(Array.from({ length: 1200 }, (_, i) => `SELECT '${i}'`));
    expect(() => batch.add('SELECT $2', [1])).toThrow(/no parameter \$2/);
  });
});
