import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { prepared, WITHOUT_FLUSH } from '@lc/database';
import { EventFilter, EventStore, RecordedEvent, Subscription } from '@lc/event-store';
import { Projection } from './projection';
import { ProjectionLocks, RESET_CHANNEL } from './projection-locks';
import { restoreIndexes, setIndexesAside } from './indexes-set-aside';

/** Every batch of every projection moves its checkpoint: parsed once per connection (ADR 0020). */
const MOVE_CHECKPOINT = prepared(`UPDATE projection_checkpoints
    SET position = $2, events_applied = events_applied + $3, updated_at = now(), last_error = NULL, last_event_at = $4
   FROM ${WITHOUT_FLUSH}
  WHERE name = $1 AND position IS NOT DISTINCT FROM $5`);

/** Another runner, or a rebuild, moved the checkpoint since this runner read it. */
class CheckpointMoved extends Error {
  constructor(name: string) {
    super(`the checkpoint of ${name} moved since it was read (another runner, or a rebuild)`);
  }
}

export interface RunnerOptions {
  batchSize: number;
  /** How often a standby replica tries to take over the projection. */
  standbyRetryMs?: number;
  /** How long to wait for more events before applying a partial batch. */
  lingerMs?: number;
  /** Events per page, and per transaction, while catching up (default: batchSize). */
  catchUpPageSize?: number;
}

/**
 * Reads and writes a projection's checkpoint row. `apply` is the only way events reach a read
 * model: in one transaction it locks the row, checks that nobody else moved it (fencing: a
 * replica that lost its lock, or a rebuild), applies the batch and moves the checkpoint.
 */
export class CheckpointStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The checkpoint; with the projection's filter, also records it for the API's freshness answers. */
  async read(name: string, filter?: EventFilter): Promise<string | undefined> {
    if (filter) {
      await this.dataSource.query(
        `INSERT INTO projection_checkpoints (name, filter) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET filter = EXCLUDED.filter`,
        [name, JSON.stringify(filter)],
      );
    } else {
      await this.dataSource.query(`INSERT INTO projection_checkpoints (name) VALUES ($1) ON CONFLICT DO NOTHING`, [name]);
    }
    const rows: { position: string | null }[] = await this.dataSource.query(
      `SELECT position FROM projection_checkpoints WHERE name = $1`,
      [name],
    );
    return rows[0]?.position ?? undefined;
  }

  /** While `rebuilding`, a projection with afterRebuild is not given afterCommit. */
  async apply(projection: Projection, expected: string | undefined, events: RecordedEvent[], rebuilding = false): Promise<string> {
    const last = events[events.length - 1].globalPosition;
    await this.dataSource.transaction(async (tx) => {
      // The checkpoint moves first, in one statement, only from where this runner left it: the
      // row stays locked until the commit, so nobody else applies a batch meanwhile, and a batch
      // that fails takes the move back with it. The batch's commit does not wait for the WAL flush
      // (WITHOUT_FLUSH says why that is safe): a read model lost in a crash of PostgreSQL is lost
      // with its checkpoint, and applied again.
      // TypeORM answers an UPDATE with [rows, row count].
      const [, moved]: [unknown[], number] = await tx.query(MOVE_CHECKPOINT, [
        projection.name,
        last,
        events.length,
        events[events.length - 1].recordedAt,
        expected ?? null,
      ]);
      if (moved !== 1) throw new CheckpointMoved(projection.name);
      await projection.apply(events, tx);
    });
    if (projection.afterCommit && !(rebuilding && projection.afterRebuild)) {
      await projection.afterCommit(events).catch((error: unknown) =>
        new Logger(`Projection:${projection.name}`).warn({ err: error }, 'afterCommit failed; reconciliation will catch up'),
      );
    }
    return last;
  }

  /** Makes again the indexes a rebuild set aside (after it, or after one that died halfway). */
  restoreIndexes(projection: Projection): Promise<number> {
    return restoreIndexes(this.dataSource, projection);
  }

  /**
   * A rebuild has replayed the log: its indexes are made again and its tables analysed (the
   * planner's statistics were of the tables before the rebuild, or of none, until autovacuum came
   * round), and its side effects brought in line, once (see Projection.afterRebuild). The two go
   * side by side: the side effects read the finished rows, which the indexes do not change, and
   * their work in this process (the clocks' 36,607 jobs looked up in Redis at 1,000,000 events, about
   * 3 s) then overlaps PostgreSQL's on the indexes instead of following it.
   */
  async rebuilt(projection: Projection): Promise<void> {
    await Promise.all([
      this.restoreIndexes(projection).then(async () => {
        if (projection.tables.length) await this.dataSource.query(`ANALYZE ${projection.tables.join(', ')}`);
      }),
      projection.afterRebuild?.().catch((error: unknown) =>
        new Logger(`Projection:${projection.name}`).warn({ err: error }, 'afterRebuild failed; reconciliation will catch up'),
      ),
    ]);
  }

  async recordError(name: string, error: unknown): Promise<void> {
    await this.dataSource
      .query(`UPDATE projection_checkpoints SET last_error = $2, last_error_at = now() WHERE name = $1`, [
        name,
        error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      ])
      .catch(() => undefined);
  }

  /**
   * Empties the read model and rewinds the checkpoint, in one transaction. With `setIndexesAside`
   * (a rebuild that replays the log itself), its secondary indexes go too until `restoreIndexes`.
   */
  async reset(projection: Projection, options: { setIndexesAside?: boolean } = {}): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`INSERT INTO projection_checkpoints (name) VALUES ($1) ON CONFLICT DO NOTHING`, [projection.name]);
      await tx.query(`SELECT 1 FROM projection_checkpoints WHERE name = $1 FOR UPDATE`, [projection.name]);
      if (projection.tables.length) await tx.query(`TRUNCATE ${projection.tables.join(', ')}`);
      if (options.setIndexesAside) await setIndexesAside(tx, projection);
      await tx.query(
        `UPDATE projection_checkpoints
            SET position = NULL, events_applied = 0, updated_at = now(), last_error = NULL, last_event_at = NULL, filter = $2
          WHERE name = $1`,
        [projection.name, JSON.stringify(projection.filter)],
      );
      await tx.query(`SELECT pg_notify($1, $2)`, [RESET_CHANNEL, projection.name]);
    });
  }
}

/**
 * Runs one projection in this process while it holds the projection's advisory lock (on the
 * process's shared lock connection, see ProjectionLocks); replicas without the lock stand by and
 * take over when the holder's session ends (crash, deploy).
 */
export class ProjectionRunner {
  private readonly logger: Logger;
  private stopped = false;
  private holding = false;
  private subscription?: Subscription;
  private loop?: Promise<void>;
  private sleeper?: { timer: NodeJS.Timeout; resolve: () => void };
  /** Counts the reset notifications received: a reset that lands while catching up (no subscription yet) is not lost. */
  private resets = 0;

  constructor(
    private readonly projection: Projection,
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly locks: ProjectionLocks,
    private readonly options: RunnerOptions,
  ) {
    this.logger = new Logger(`Projection:${projection.name}`);
  }

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.subscription?.close();
    await this.loop;
    this.holding = false;
    await this.locks.release(this.projection.name);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        if (!(await this.holdLock())) {
          await this.sleep(this.options.standbyRetryMs ?? 2000);
          continue;
        }
        await this.follow();
        failures = 0;
      } catch (error) {
        if (this.stopped) break;
        if (error instanceof CheckpointMoved) {
          this.logger.log('checkpoint moved (rebuild, another replica, or the lock lost); resuming from the stored checkpoint');
          continue;
        }
        failures++;
        this.logger.error({ err: error, failures }, 'projection failed; retrying from its checkpoint');
        await this.checkpoints.recordError(this.projection.name, error);
        if (this.holding && !(await this.locks.alive())) this.holding = false;
        await this.sleep(Math.min(30_000, 250 * 2 ** Math.min(failures, 7)));
      }
    }
  }

  private async holdLock(): Promise<boolean> {
    if (this.holding) return true;
    this.holding = await this.locks.tryLock(this.projection.name, {
      onReset: () => {
        this.resets++;
        void this.subscription?.close();
      },
      onLost: () => {
        // Another replica may take it over now: stop following, and take the lock again first.
        this.holding = false;
        this.resets++;
        void this.subscription?.close();
      },
    });
    if (this.holding) this.logger.log('lock taken: this replica runs the projection');
    return this.holding;
  }

  /**
   * Catches up from the checkpoint in large pages (as a rebuild does), then follows the log live,
   * applying batches.
   */
  private async follow(): Promise<void> {
    const resets = this.resets;
    // A rebuild that died halfway may have left the read model without some of its indexes.
    const restored = await this.checkpoints.restoreIndexes(this.projection);
    if (restored) this.logger.log(`indexes that a rebuild had set aside made again: ${restored}`);
    let checkpoint = await this.catchUp(await this.checkpoints.read(this.projection.name, this.projection.filter));
    if (this.stopped) return;
    // A rebuild that reset the checkpoint while we caught up (with nothing left to apply, so no
    // CheckpointMoved) would otherwise leave us following from a position the read model no longer has.
    if (this.resets !== resets) throw new CheckpointMoved(this.projection.name);
    const subscription = this.store.subscribeToAll({ fromCheckpoint: checkpoint, filter: this.projection.filter });
    this.subscription = subscription;
    if (this.resets !== resets) void subscription.close();
    let buffer: RecordedEvent[] = [];
    let flushing: Promise<void> = Promise.resolve();
    let lingering: NodeJS.Timeout | undefined;
    let failure: unknown;

    const flush = () => {
      clearTimeout(lingering);
      lingering = undefined;
      const batch = buffer;
      buffer = [];
      if (batch.length === 0) return flushing;
      flushing = flushing.then(async () => {
        if (failure) return;
        try {
          checkpoint = await this.checkpoints.apply(this.projection, checkpoint, batch);
        } catch (error) {
          failure = error;
          void subscription.close();
        }
      });
      return flushing;
    };

    try {
      for await (const event of subscription) {
        buffer.push(event);
        if (buffer.length >= this.options.batchSize) await flush();
        else lingering ??= setTimeout(() => void flush(), this.options.lingerMs ?? 20);
        if (failure) break;
      }
      // The subscription ends on stop() or on a reset notification: apply what is buffered, unless a reset.
      if (!this.stopped) buffer = [];
      await flush();
    } finally {
      clearTimeout(lingering);
      await subscription.close();
      this.subscription = undefined;
    }
    if (failure) throw failure;
    if (!this.stopped) throw new CheckpointMoved(this.projection.name);
  }

  /**
   * A projection far behind (a new worker, a rebuild, a demo year just written) reads the log in
   * pages of a batch and applies each page in one transaction, the next page being read
   * while one is applied: a few large transactions instead of hundreds of small ones, and the
   * stored events' data decoded a page at a time. readAll reads below the horizon (ADR 0004), so
   * nothing is skipped; what comes after the last page the live subscription picks up. A reset
   * meanwhile rewinds the checkpoint: the next apply then fails with CheckpointMoved, as live.
   */
  private async catchUp(from: string | undefined): Promise<string | undefined> {
    const size = this.options.catchUpPageSize ?? this.options.batchSize;
    const filter = this.projection.filter;
    let checkpoint = from;
    let next: Promise<RecordedEvent[]> | undefined = this.store.readAll({ fromPosition: checkpoint, maxCount: size, filter });
    while (next && !this.stopped) {
      const events: RecordedEvent[] = await next;
      if (events.length === 0) break;
      next = events.length === size ? this.store.readAll({ fromPosition: events[events.length - 1].globalPosition, maxCount: size, filter }) : undefined;
      // Nobody waits for a prefetch abandoned by a failure or stop(); keep it from going unhandled.
      next?.catch(() => undefined);
      checkpoint = await this.checkpoints.apply(this.projection, checkpoint, events);
    }
    return checkpoint;
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      this.sleeper = { timer: setTimeout(resolve, ms), resolve };
    });
  }

  private wake(): void {
    if (this.sleeper) {
      clearTimeout(this.sleeper.timer);
      this.sleeper.resolve();
      this.sleeper = undefined;
    }
  }
}

/**
 * Replays a projection from the start of the log into its emptied read model, in this process,
 * until it has caught up. Used by `projections:rebuild` when no worker holds the projection.
 */
export async function replay(
  projection: Projection,
  store: EventStore,
  checkpoints: CheckpointStore,
  batchSize: number,
): Promise<number> {
  let checkpoint = await checkpoints.read(projection.name, projection.filter);
  let applied = 0;
  for (;;) {
    const events = await store.readAll({ fromPosition: checkpoint, maxCount: batchSize, filter: projection.filter });
    if (events.length === 0) {
      await checkpoints.rebuilt(projection);
      return applied;
    }
    checkpoint = await checkpoints.apply(projection, checkpoint, events, true);
    applied += events.length;
  }
}
