import { Client } from 'pg';

export const RESET_CHANNEL = 'projection_reset';

export function lockKey(name: string): string {
  return `projection:${name}`;
}

/** What a runner hears while it holds its projection's lock. */
export interface LockHolder {
  /** A rebuild reset the projection's checkpoint. */
  onReset(): void;
  /** The connection died, and every lock with it: follow no longer, take the lock again first. */
  onLost(): void;
}

/**
 * The advisory locks of one process's projection runners, on one connection of its own: a
 * session-level lock dies with its session (a crash, a deploy), so a standby replica elsewhere
 * takes the projection over. One connection per worker process rather than one per projection
 * (eleven of them): connections are what a shared PostgreSQL runs out of first. The same
 * connection listens for the rebuilds' reset notices.
 *
 * A session's advisory locks are re-entrant, so two runners of one projection must never share an
 * instance: each replica (each process; each simulated replica in a test) has its own.
 */
export class ProjectionLocks {
  private connection?: Promise<Client>;
  /** The client of `connection`, to tell its errors from an earlier connection's. */
  private current?: Client;
  private readonly holders = new Map<string, LockHolder>();
  private closed = false;
  /** The connection's statements, one at a time: node-postgres is retiring its own queue (pg 9). */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(private readonly connectionString: string) {}

  /** Takes the projection's lock if nobody holds it; the holder hears of resets and of the lock's loss. */
  async tryLock(name: string, holder: LockHolder): Promise<boolean> {
    if (this.holders.has(name)) return false;
    const client = await this.connect();
    const { rows } = await this.inTurn(() => client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [lockKey(name)]));
    if (!rows[0].locked) return false;
    this.holders.set(name, holder);
    return true;
  }

  /** Gives the lock back (a runner stopping): a standby elsewhere takes over at its next try. */
  async release(name: string): Promise<void> {
    if (!this.holders.delete(name)) return;
    const client = await this.connection?.catch(() => undefined);
    if (client) await this.inTurn(() => client.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [lockKey(name)])).catch(() => undefined);
  }

  /** Whether the connection, and so every lock taken on it, is still there. */
  async alive(): Promise<boolean> {
    try {
      const client = await this.connection;
      if (!client) return false;
      await this.inTurn(() => client.query('SELECT 1'));
      return true;
    } catch {
      this.lose();
      return false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.holders.clear();
    const client = await this.connection?.catch(() => undefined);
    this.connection = undefined;
    this.current = undefined;
    await client?.end().catch(() => undefined);
  }

  private inTurn<T>(statement: () => Promise<T>): Promise<T> {
    const result = this.turn.then(statement, statement);
    this.turn = result.catch(() => undefined);
    return result;
  }

  private connect(): Promise<Client> {
    if (this.closed) return Promise.reject(new Error('projection locks closed'));
    if (!this.connection) {
      const client = new Client({ connectionString: this.connectionString });
      client.on('error', () => this.lose(client)); // told to the holders; the next tryLock connects again
      client.on('notification', (message) => {
        if (message.payload) this.holders.get(message.payload)?.onReset();
      });
      const connecting = this.inTurn(async () => {
        await client.connect();
        await client.query(`LISTEN ${RESET_CHANNEL}`);
        return client;
      });
      this.connection = connecting;
      this.current = client;
      connecting.catch(() => this.lose(client));
    }
    return this.connection;
  }

  /** The connection is gone, and its locks with it: every holder is told; the next tryLock connects anew. */
  private lose(client: Client | undefined = this.current): void {
    if (!client || client !== this.current) return; // an earlier connection, already given up
    this.current = undefined;
    this.connection = undefined;
    void client.end().catch(() => undefined);
    const holders = [...this.holders.values()];
    this.holders.clear();
    for (const holder of holders) holder.onLost();
  }
}
