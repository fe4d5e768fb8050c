import { EventEmitter } from 'node:events';
import { KurrentDBClient, NotLeaderError, StreamNotFoundError } from '@kurrent/kurrentdb-client';
import { ConcurrencyError, EventStoreUnavailableError, NewEvent } from '../event-store.port';
import { KurrentDbEventStore } from './kurrentdb-event-store';

// No KurrentDB server can run here, and a single local server could not show these cases anyway:
// a follower behind the leader, `throwOnAppendFailure=false`, an election mid-subscription, a
// channel that is down while reads answer. The client below answers as the real one does in each
// (its own error classes, its own result shapes); the contract suite against a real server
// (KURRENTDB_CONNECTION_STRING) stays the judge of everything else.

interface Call {
  method: string;
  args: unknown[];
}

function recorded(streamId: string, revision: bigint, id: string, commit: bigint) {
  return {
    event: { streamId, id, type: 'Tested', revision, created: new Date('2026-01-01T00:00:00Z'), isJson: true, data: { n: 1 }, metadata: {}, position: { commit, prepare: commit } },
  };
}

async function* yielding<T>(items: T[], failure?: unknown): AsyncGenerator<T> {
  for (const item of items) yield item;
  if (failure) throw failure;
}

/** The part of KurrentDBClient the adapter uses, answering from a script. */
class ScriptedClient {
  readonly calls: Call[] = [];
  appendResult: unknown = { success: true, nextExpectedRevision: 0n, position: { commit: 10n, prepare: 10n } };
  streams = new Map<string, ReturnType<typeof recorded>[]>();
  readFailure: unknown;
  channelState = 2; // READY
  channelClosed = false;
  disposed = false;
  subscription = Object.assign(new EventEmitter(), {
    unsubscribe: async () => undefined,
    destroy: () => undefined,
    pause: () => undefined,
    resume: () => undefined,
    isPaused: () => false,
  });

  appendToStream(...args: unknown[]) {
    this.calls.push({ method: 'appendToStream', args });
    return Promise.resolve(this.appendResult);
  }
  readStream(streamId: string, options: unknown) {
    this.calls.push({ method: 'readStream', args: [streamId, options] });
    if (this.readFailure) return yielding([], this.readFailure);
    const events = this.streams.get(streamId);
    return events ? yielding(events) : yielding([], new StreamNotFoundError(undefined, streamId));
  }
  readAll(options: unknown) {
    this.calls.push({ method: 'readAll', args: [options] });
    return yielding([...this.streams.values()].flat());
  }
  subscribeToAll(options: unknown) {
    this.calls.push({ method: 'subscribeToAll', args: [options] });
    return this.subscription;
  }
  async dispose() {
    this.disposed = true;
  }
  async getChannel() {
    return {
      getConnectivityState: () => this.channelState,
      watchConnectivityState: (_state: number, _deadline: number, callback: () => void) => setTimeout(callback, 10),
      close: () => {
        this.channelClosed = true;
      },
    };
  }

  optionsOf(method: string): Array<Record<string, unknown>> {
    return this.calls.filter((c) => c.method === method).map((c) => c.args[c.method === 'readAll' || c.method === 'subscribeToAll' ? 0 : 1] as Record<string, unknown>);
  }
}

function storeWith(client: ScriptedClient): KurrentDbEventStore {
  return new KurrentDbEventStore({ client: client as unknown as KurrentDBClient });
}

const event = (id: string): NewEvent => ({ eventId: id, type: 'Tested', data: { n: 1 } });
const ID = '6f1c1a52-0d6e-4d8a-9b0e-2f1a5c3d4e5f';

describe('KurrentDB adapter on a cluster', () => {
  it('reads what an append must see from the leader: the duplicate look-back and the position read back', async () => {
    const client = new ScriptedClient();
    client.streams.set('case-1', [recorded('case-1', 0n, 'aaaaaaaa-0000-4000-8000-000000000000', 5n)]);
    client.appendResult = { success: true, nextExpectedRevision: 1n, position: { commit: 9n, prepare: 9n } };
    // After the append the leader has the new event at revision 1.
    const original = client.readStream.bind(client);
    client.readStream = (streamId: string, options: unknown) => {
      if ((options as { fromRevision?: unknown }).fromRevision === 1n) client.streams.set('case-1', [recorded('case-1', 1n, ID, 12n)]);
      return original(streamId, options);
    };

    const result = await storeWith(client).append('case-1', [event(ID)], { expectedVersion: 1 });

    expect(result).toEqual({ nextVersion: 2, globalPosition: '12/12' });
    const reads = client.optionsOf('readStream');
    expect(reads).toHaveLength(2); // the look-back for a retry's ids, then the appended event's position
    for (const options of reads) expect(options).toMatchObject({ requiresLeader: true });
  });

  it('asks the leader whether events wait after a checkpoint, and reads a stream for a command from it', async () => {
    const client = new ScriptedClient();
    client.streams.set('case-1', [recorded('case-1', 0n, ID, 5n)]);
    const store = storeWith(client);

    await expect(store.countEventsAfter(undefined, undefined, 10)).resolves.toBe(1);
    await expect(store.readStream('case-1')).resolves.toHaveLength(1);

    expect(client.optionsOf('readAll')[0]).toMatchObject({ requiresLeader: true });
    expect(client.optionsOf('readStream')[0]).toMatchObject({ requiresLeader: true });
  });

  it('takes an append answered `success: false` (throwOnAppendFailure=false) as the refusal it is', async () => {
    const client = new ScriptedClient();
    client.streams.set('case-1', [recorded('case-1', 0n, 'bbbbbbbb-0000-4000-8000-000000000000', 5n), recorded('case-1', 1n, 'cccccccc-0000-4000-8000-000000000000', 6n)]);
    client.appendResult = { success: false, nextExpectedRevision: 1n, position: undefined };

    const append = storeWith(client).append('case-1', [event(ID)], { expectedVersion: 1 });

    await expect(append).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(append).rejects.toMatchObject({ actual: 2 });
  });

  it('answers a refused append that an identical retry got in first as that append', async () => {
    const client = new ScriptedClient();
    client.appendResult = { success: false, nextExpectedRevision: 0n, position: undefined };
    client.streams.set('case-1', [recorded('case-1', 0n, ID, 7n)]);

    await expect(storeWith(client).append('case-1', [event(ID)], { expectedVersion: 'no_stream' })).resolves.toEqual({ nextVersion: 1, globalPosition: '7/7' });
  });

  it('turns an election during a read into the port’s retryable outage', async () => {
    const client = new ScriptedClient();
    client.readFailure = new NotLeaderError({ message: 'not leader', metadata: { 'leader-endpoint-host': 'node2', 'leader-endpoint-port': '2113' } } as never);

    await expect(storeWith(client).readStream('case-1')).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('turns an election during a subscription into the port’s retryable outage', async () => {
    const client = new ScriptedClient();
    const subscription = storeWith(client).subscribeToAll();
    const next = subscription[Symbol.asyncIterator]().next();
    client.subscription.emit('error', new NotLeaderError({ message: 'not leader', metadata: { 'leader-endpoint-host': 'node2', 'leader-endpoint-port': '2113' } } as never));

    await expect(next).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('pings both ways to the server: reads answering is not enough when the append channel is down', async () => {
    const healthy = new ScriptedClient();
    await expect(storeWith(healthy).ping()).resolves.toBeUndefined();

    const channelDown = new ScriptedClient();
    channelDown.channelState = 4; // SHUTDOWN
    await expect(storeWith(channelDown).ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);

    const readsDown = new ScriptedClient();
    readsDown.readFailure = new NotLeaderError({ message: 'no leader', metadata: { 'leader-endpoint-host': 'n', 'leader-endpoint-port': '1' } } as never);
    await expect(storeWith(readsDown).ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('closes what it opened: subscriptions, the calls, and the gRPC channel dispose leaves open; once', async () => {
    const client = new ScriptedClient();
    const store = storeWith(client);
    const destroyed = jest.fn();
    client.subscription.destroy = destroyed;
    store.subscribeToAll();

    await store.close();
    await store.close();

    expect(destroyed).toHaveBeenCalledTimes(1);
    expect(client.disposed).toBe(true);
    expect(client.channelClosed).toBe(true);
  });
});
