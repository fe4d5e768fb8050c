import { KeyedReads } from './keyed-reads';

/** A fetch that answers when told to, recording what each query asked for. */
function heldFetch() {
  const queries: Array<{ ids: string[]; answer(rows: Map<string, string[]>): void; fail(error: Error): void }> = [];
  const fetch = (ids: string[]) =>
    new Promise<Map<string, string[]>>((resolve, reject) => queries.push({ ids, answer: resolve, fail: reject }));
  return { fetch, queries };
}
const flushed = () => new Promise((resolve) => setImmediate(resolve));
const rowsOf = (ids: string[]) => new Map(ids.map((id) => [id, [`${id}#1`]]));

describe('reads by key together', () => {
  it('sends a lone read at once, and the reads asked while the slots are taken in one query', async () => {
    const { fetch, queries } = heldFetch();
    const reads = new KeyedReads(fetch, 2, 100);
    const a = reads.read('a');
    const b = reads.read('b');
    expect(queries.map((q) => q.ids)).toEqual([['a'], ['b']]);
    const waiting = ['c', 'd', 'c', 'e'].map((id) => reads.read(id));
    expect(queries).toHaveLength(2);
    queries[0].answer(rowsOf(queries[0].ids));
    await flushed();
    expect(queries.map((q) => q.ids)).toEqual([['a'], ['b'], ['c', 'd', 'e']]);
    queries[1].answer(rowsOf(queries[1].ids));
    queries[2].answer(rowsOf(queries[2].ids));
    expect(await Promise.all([a, b, ...waiting])).toEqual([['a#1'], ['b#1'], ['c#1'], ['d#1'], ['c#1'], ['e#1']]);
  });

  it('answers a read only from a query sent after it was asked', async () => {
    const { fetch, queries } = heldFetch();
    const reads = new KeyedReads(fetch, 1, 100);
    const first = reads.read('a');
    const second = reads.read('a'); // asked while the first query is out: it must not take its answer
    queries[0].answer(new Map([['a', ['before']]]));
    expect(await first).toEqual(['before']);
    await flushed();
    expect(queries).toHaveLength(2);
    queries[1].answer(new Map([['a', ['before', 'after']]]));
    expect(await second).toEqual(['before', 'after']);
  });

  it('asks for at most so many keys in one query, and an unknown key has no rows', async () => {
    const { fetch, queries } = heldFetch();
    const reads = new KeyedReads(fetch, 1, 2);
    const all = ['a', 'b', 'c', 'd'].map((id) => reads.read(id));
    queries[0].answer(new Map());
    await flushed();
    queries[1].answer(rowsOf(queries[1].ids));
    await flushed();
    queries[2].answer(rowsOf(queries[2].ids));
    expect(queries.map((q) => q.ids)).toEqual([['a'], ['b', 'c'], ['d']]);
    expect(await Promise.all(all)).toEqual([[], ['b#1'], ['c#1'], ['d#1']]);
  });

  it('fails every read of a failed query, and goes on with the next', async () => {
    const { fetch, queries } = heldFetch();
    const reads = new KeyedReads(fetch, 1, 100);
    const first = reads.read('a');
    const together = [reads.read('b'), reads.read('c')];
    queries[0].fail(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    await flushed();
    queries[1].fail(new Error('again'));
    await Promise.all(together.map((read) => expect(read).rejects.toThrow('again')));
    const later = reads.read('d');
    await flushed();
    queries[2].answer(rowsOf(['d']));
    expect(await later).toEqual(['d#1']);
  });
});
