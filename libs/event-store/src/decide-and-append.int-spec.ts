import { randomUUID } from 'node:crypto';
import { Decider, DomainEvent } from '@lc/decider';
import { createTestDatabase, TestDatabase } from '@lc/testing';
import { CONFLICT_RETRIES, decideAndAppend } from './decide-and-append';
import { ConcurrencyError } from './event-store.port';
import { PostgresEventStore } from './postgres/postgres-event-store';

/**
 * A counter whose increments depend on the state read (each event carries the value it makes), so
 * an increment decided on a stale state would be visible in the stream as a repeated value.
 */
type Counted = DomainEvent & { type: 'Counted'; data: { value: number } };
type Count = { type: 'Count' };
const counter: Decider<Count, Counted, number> = {
  initialState: () => 0,
  decide: (_command, state) => [{ type: 'Counted', data: { value: state + 1 } }],
  evolve: (_state, event) => event.data.value,
};
const actor = { id: 'u-1', role: 'mediator' };

let db: TestDatabase;
let store: PostgresEventStore;
/** Another process's writes, through a pool of their own. */
let otherReplica: PostgresEventStore;
beforeAll(async () => {
  db = await createTestDatabase('decide_append');
  store = new PostgresEventStore({ pool: { connectionString: db.url, max: 4 } });
  otherReplica = new PostgresEventStore({ pool: { connectionString: db.url, max: 2 } });
});
afterAll(async () => {
  await store?.close();
  await otherReplica?.close();
  await db?.drop();
});

const otherWrite = (stream: string, value: number) =>
  otherReplica.append(stream, [{ eventId: randomUUID(), type: 'Counted', data: { value } }]);
const values = async (stream: string) => (await store.readStream(stream)).map((e) => (e.data as { value: number }).value);

describe('decideAndAppend on a stream another process writes to', () => {
  it('without If-Match, reads again and decides again on the new state after losing a race', async () => {
    const stream = `counter-${randomUUID()}`;
    await otherWrite(stream, 1);
    let reads = 0;
    const result = await decideAndAppend(store, counter, stream, { type: 'Count' }, { actor }, {
      // Another replica appends between this command's read and its append, twice.
      inspect: async ({ version }) => {
        if (++reads <= 2) await otherWrite(stream, version + 1);
      },
    });
    expect(reads).toBe(3);
    expect(result.version).toBe(4);
    expect(await values(stream)).toEqual([1, 2, 3, 4]);
  });

  it('gives up with a ConcurrencyError after CONFLICT_RETRIES lost races', async () => {
    const stream = `counter-${randomUUID()}`;
    let reads = 0;
    await expect(
      decideAndAppend(store, counter, stream, { type: 'Count' }, { actor }, {
        inspect: async ({ version }) => {
          reads++;
          await otherWrite(stream, version + 1);
        },
      }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect(reads).toBe(CONFLICT_RETRIES + 1);
    expect(await values(stream)).toHaveLength(CONFLICT_RETRIES + 1); // only the other replica's
  });

  it('with If-Match, a race is a 412 at once and is not retried', async () => {
    const stream = `counter-${randomUUID()}`;
    await otherWrite(stream, 1);
    let reads = 0;
    const refused = decideAndAppend(store, counter, stream, { type: 'Count' }, { actor, expectedVersion: 1 }, {
      inspect: async () => {
        reads++;
        await otherWrite(stream, 2);
      },
    });
    await expect(refused).rejects.toMatchObject({ code: 'precondition_failed' });
    await expect(refused).rejects.not.toThrow(stream);
    expect(reads).toBe(1);
  });

  it('a stale If-Match is a 412 that does not name the stream', async () => {
    const stream = `counter-${randomUUID()}`;
    await otherWrite(stream, 1);
    const refused = decideAndAppend(store, counter, stream, { type: 'Count' }, { actor, expectedVersion: 0 });
    await expect(refused).rejects.toMatchObject({ code: 'precondition_failed' });
    await expect(refused).rejects.not.toThrow(stream);
  });

  it('in one process, concurrent commands on one stream take turns: every one applies, each on the state the previous left', async () => {
    const stream = `counter-${randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 50 }, () => decideAndAppend(store, counter, stream, { type: 'Count' }, { actor })),
    );
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await values(stream)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('with an Idempotency-Key, a command applied already appends nothing again, even after the stream moved on', async () => {
    const stream = `counter-${randomUUID()}`;
    const first = await decideAndAppend(store, counter, stream, { type: 'Count' }, { actor, idempotencyKey: 'k-1' });
    await otherWrite(stream, 2);
    const again = await decideAndAppend(store, counter, stream, { type: 'Count' }, { actor, idempotencyKey: 'k-1' });
    expect(first.events).toHaveLength(1);
    expect(again.events).toHaveLength(0);
    expect(await values(stream)).toEqual([1, 2]);
  });
});
