import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { prepared, WITHOUT_FLUSH } from '@lc/database';
import { EventFilter, EventStore, RecordedEvent, Subscription } from '@lc/event-store';
import { Projection } from './projection';
import { ProjectionLocks, RESET_CHANNEL } from './projection-locks';
import { restoreIndexes, setIndexesAside } from './indexes-set-aside';

/**
 * Every transaction of batches moves their projections' checkpoints first, each only from where its
 * runner left it, and answers those it moved; parsed once per connection (ADR 0020).
 */
const MOVE_CHECKPOINTS = prepared(`UPDATE projection_checkpoints c
    SET position = m.position, events_applied = c.events_applied + m.applied, updated_at = now(), last_error = NULL,
        last_event_at = m.last_event_at
   FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::text[]) AS m(name, position, applied, last_event_at, expected),
        ${WITHOUT_FLUSH}
  WHERE c.name = m.name AND c.position IS NOT DISTINCT FROM m.expected
  RETURNING c.name`);

/**
 * A checkpoint moved on past events its projection does not read, only from where its runner left
 * it. The read model is not touched, so neither is `updated_at` (the statistics reader keeps its
 * answers under it and the position) nor `last_event_at` (freshness's `asOf`).
 */
const ADVANCE_CHECKPOINT = prepared(`UPDATE projection_checkpoints c SET position = $2
   FROM ${WITHOUT_FLUSH}
  WHERE c.name = $1 AND c.position IS NOT DISTINCT FROM $3
  RETURNING c.name`);

/** A projection's events to apply, and where its runner left its checkpoint. */
interface Batch {
  projection: Projection;
  expected: string | undefined;
  events: RecordedEvent[];
}

interface DueBatch extends Batch {
  resolve(checkpoint: string): void;
  reject(error: unknown): void;
}

const lastPosition = (events: RecordedEvent[]) => events[events.length - 1].globalPosition;

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
  /**
   * How often an idle runner stores how far its subscription has read past its last event (the
   * events its projection does not read): filtered reads of the log from the checkpoint (a restart,
   * the API's freshness counts) then start near the end of the log. Default 5 s.
   */
  advanceEveryMs?: number;
}

/**
 * Reads and writes a projection's checkpoint row. `apply` and `applyLive` are the only ways events
 * reach a read model: in one transaction a batch's checkpoint row is locked and moved only if
 * nobody else moved it (fencing: a replica that lost its lock, or a rebuild), and the batch is
 * applied.
 */
export class CheckpointStore {
  /** Live batches asked for in this turn of the event loop (applyLive). */
  private due: DueBatch[] = [];

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

  /**
   * Moves the checkpoint from `expected` to `position`, a later place in the log up to which the
   * projection has nothing to apply (Subscription.position, or the end of a rebuild's read).
   * Fenced as a batch is: refused when somebody else moved the checkpoint since.
   */
  async advance(projection: Projection, expected: string | undefined, position: string): Promise<string> {
    const [moved]: [Array<{ name: string }>, number] = await this.dataSource.query(ADVANCE_CHECKPOINT, [projection.name, position, expected ?? null]);
    if (moved.length === 0) throw new CheckpointMoved(projection.name);
    return position;
  }

  /** While `rebuilding`, a projection with afterRebuild is not given afterCommit. */
  async apply(projection: Projection, expected: string | undefined, events: RecordedEvent[], rebuilding = false): Promise<string> {
    const batch = { projection, expected, events };
    if (!(await this.commit([batch])).has(batch)) throw new CheckpointMoved(projection.name);
    await this.afterCommit(batch, rebuilding);
    return lastPosition(events);
  }

  /**
   * A batch a runner following the log live applies: the batches of other projections asked for in
   * the same turn of the event loop go in the same transaction. One notification wakes every
   * runner of the worker and one read of the log's tail feeds them all, so their batches come due
   * together: as a dozen transactions, each with its own start, checkpoint statement and commit,
   * they were 43 % of the worker's statements under the HTTP bench (docs/benchmarks.md). A batch
   * whose checkpoint moved is refused alone, as in `apply`. When the shared transaction fails (one
   * projection's batch could not be applied), each batch is applied again in a transaction of its
   * own, so that one read model's failure never holds the others back (ADR 0005).
   */
  applyLive(projection: Projection, expected: string | undefined, events: RecordedEvent[]): Promise<string> {
    return new Promise((resolve, reject) => {
      this.due.push({ projection, expected, events, resolve, reject });
      if (this.due.length === 1) setImmediate(() => void this.applyDue());
    });
  }

  private async applyDue(): Promise<void> {
    const batches = this.due;
    this.due = [];
    // A runner has one batch out at a time, so the names differ; were one there twice, its row
    // would move once for both: those then go alone, where the second is refused.
    const together = batches.length > 1 && new Set(batches.map((b) => b.projection.name)).size === batches.length;
    const applied = together ? await this.commit(batches).catch(() => undefined) : undefined;
    await Promise.all(
      batches.map(async (batch) => {
        try {
          if (!applied) batch.resolve(await this.apply(batch.projection, batch.expected, batch.events));
          else if (!applied.has(batch)) batch.reject(new CheckpointMoved(batch.projection.name));
          else {
            await this.afterCommit(batch, false);
            batch.resolve(lastPosition(batch.events));
          }
        } catch (error) {
          batch.reject(error);
        }
      }),
    );
  }

  /**
   * One transaction: the batches' checkpoints move, each only from where its runner left it (the
   * rows stay locked until the commit, so nobody else applies a batch of theirs meanwhile, and a
   * failure takes the moves back), then each batch whose checkpoint moved is applied. Answers
   * those. The commit does not wait for the WAL flush (WITHOUT_FLUSH says why that is safe): a read
   * model lost in a crash of PostgreSQL is lost with its checkpoint, and applied again.
   */
  private async commit(batches: Batch[]): Promise<Set<Batch>> {
    let applied = new Set<Batch>();
    await this.dataSource.transaction(async (tx) => {
      // TypeORM answers an UPDATE with [rows, row count].
      const [moved]: [Array<{ name: string }>, number] = await tx.query(MOVE_CHECKPOINTS, [
        batches.map((b) => b.projection.name),
        batches.map((b) => lastPosition(b.events)),
        batches.map((b) => b.events.length),
        batches.map((b) => b.events[b.events.length - 1].recordedAt),
        batches.map((b) => b.expected ?? null),
      ]);
      const names = new Set(moved.map((row) => row.name));
      applied = new Set(batches.filter((b) => names.has(b.projection.name)));
      for (const batch of applied) await batch.projection.apply(batch.events, tx);
    });
    return applied;
  }

  private async afterCommit({ projection, events }: Batch, rebuilding: boolean): Promise<void> {
    if (projection.afterCommit && !(rebuilding && projection.afterRebuild)) {
      await projection.afterCommit(events).catch((error: unknown) =>
        new Logger(`Projection:${projection.name}`).warn({ err: error }, 'afterCommit failed; reconciliation will catch up'),
      );
    }
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

    // Events handed out by the subscription and not yet applied (buffered, or in a batch on its way).
    let unapplied = 0;
    // An idle runner stores how far its subscription has read: past events its projection does not
    // read, which a filtered read from the checkpoint would otherwise walk again (the table has no
    // index of types: migration 1765700000300). Only when every event handed out is applied, so that
    // none lies unapplied below the stored position; through the chain of batches, so that a batch
    // and an advance never cross.
    const advancing = setInterval(() => {
      flushing = flushing.then(async () => {
        const reached = subscription.position();
        if (failure || unapplied > 0 || reached === undefined || reached === checkpoint) return;
        try {
          checkpoint = await this.checkpoints.advance(this.projection, checkpoint, reached);
        } catch (error) {
          failure = error;
          void subscription.close();
        }
      });
    }, this.options.advanceEveryMs ?? 5000);

    const flush = () => {
      clearTimeout(lingering);
      lingering = undefined;
      const batch = buffer;
      buffer = [];
      if (batch.length === 0) return flushing;
      flushing = flushing.then(async () => {
        if (failure) return;
        try {
          checkpoint = await this.checkpoints.applyLive(this.projection, checkpoint, batch);
          unapplied -= batch.length;
        } catch (error) {
          failure = error;
          void subscription.close();
        }
      });
      return flushing;
    };

    try {
      for await (const event of subscription) {
        unapplied += 1;
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
      clearInterval(advancing);
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
