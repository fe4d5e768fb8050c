import { INestApplicationContext, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig, APP_CONFIG } from '@lc/config';
import { withDefaultUser } from '@lc/database';
import { EVENT_STORE, EventStore, matchesFilter, openStored, storedForm } from '@lc/event-store';
import { Projection, PROJECTION } from './projection';
import { lockKey, ProjectionLocks } from './projection-locks';
import { CheckpointStore, ProjectionRunner, replay } from './projection-runner';

/**
 * Events per page and per transaction when rebuilding everything: few, large transactions. A
 * record touched in several pages is written once a page, and the daily counters once a page per
 * key, so larger pages write less: a 1,000,000-event rebuild on the bench machine took 63-65 s
 * with 20,000, 67.6 s with 10,000, 72-77 s with 5,000 and 66.8 s with 50,000 (its process then
 * peaked at 1.5 GB, against 0.95 GB with 20,000).
 */
const REBUILD_BATCH = 20_000;
/** How many pages a rebuild holds at once: projections apply them at their own pace, this far apart at most. */
const PAGES_AHEAD = 3;

export interface RebuildAllResult {
  /** Events of the log read. */
  events: number;
  /** Events applied, per projection rebuilt here. */
  applied: Record<string, number>;
  /** Milliseconds each projection spent applying its batches (they run side by side). */
  busyMs: Record<string, number>;
  /** Projections a running worker holds: reset here, replayed there. */
  elsewhere: string[];
  ms: number;
}

/** Finds every provider marked @RegisterProjection() and runs them in the worker. */
@Injectable()
export class ProjectionRegistry implements OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly runners: ProjectionRunner[] = [];
  private readonly checkpoints: CheckpointStore;
  /** This process's lock connection, shared by its runners. */
  private locks?: ProjectionLocks;

  constructor(
    private readonly discovery: DiscoveryService,
    dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.checkpoints = new CheckpointStore(dataSource);
  }

  projections(): Projection[] {
    // getProviders({ metadataKey }) only sees decorators made by DiscoveryService.createDecorator(),
    // not SetMetadata; so look at each provider's class instead.
    const instances = this.discovery
      .getProviders()
      .filter((wrapper) => typeof wrapper.metatype === 'function' && Reflect.getMetadata(PROJECTION, wrapper.metatype))
      .map((wrapper) => wrapper.instance as Projection)
      .filter(Boolean);
    return [...new Set(instances)];
  }

  find(name: string): Projection {
    const projection = this.projections().find((p) => p.name === name);
    if (!projection) {
      const known = this.projections().map((p) => p.name).sort();
      throw new Error(`No projection named "${name}". Known projections: ${known.join(', ') || '(none)'}`);
    }
    return projection;
  }

  /** The store a projection reads: the stored form for one that reads no personal data (Projection.readsPersonalData). */
  private storeFor(projection: Projection): EventStore {
    return projection.readsPersonalData === false ? storedForm(this.store) : this.store;
  }

  /** Starts a runner per projection; each runs here only while it holds that projection's lock. */
  startAll(): void {
    this.locks ??= new ProjectionLocks(withDefaultUser(this.config.DATABASE_URL));
    for (const projection of this.projections()) {
      const runner = new ProjectionRunner(projection, this.storeFor(projection), this.checkpoints, this.locks, { batchSize: this.config.PROJECTION_BATCH_SIZE });
      runner.start();
      this.runners.push(runner);
      this.logger.log(`runner started for ${projection.name}`);
    }
  }

  /** True when every projection has applied every event of the log that it handles (tests, readiness). */
  async caughtUp(): Promise<boolean> {
    for (const projection of this.projections()) {
      const checkpoint = await this.checkpoints.read(projection.name);
      if (await this.store.hasEventsAfter(checkpoint, projection.filter)) return false;
    }
    return true;
  }

  /**
   * Empties the read model and replays it. When a worker is running the projection, it sees the
   * reset and replays; otherwise this process replays it to the end of the log before returning.
   */
  async rebuild(name: string): Promise<{ replayedHere: boolean; events: number }> {
    const projection = this.find(name);
    const lock = new Client({ connectionString: withDefaultUser(this.config.DATABASE_URL) });
    await lock.connect();
    try {
      const { rows } = await lock.query<{ locked: boolean }>(
        `SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`,
        [lockKey(name)],
      );
      await this.checkpoints.reset(projection, { setIndexesAside: rows[0].locked });
      if (!rows[0].locked) return { replayedHere: false, events: 0 };
      const events = await replay(projection, this.storeFor(projection), this.checkpoints, this.config.PROJECTION_BATCH_SIZE).catch(async (error: unknown) => {
        await this.restoreAfterFailure([projection]);
        throw error;
      });
      return { replayedHere: true, events };
    } finally {
      await lock.end();
    }
  }

  /**
   * Rebuilds every read model in one pass over the log: empties them all, then reads each page
   * once and hands every projection its share, the projections' transactions running side by side.
   * A projection that a running worker holds is only reset (that worker replays it).
   */
  async rebuildAll(batchSize = Math.max(this.config.PROJECTION_BATCH_SIZE, REBUILD_BATCH)): Promise<RebuildAllResult> {
    const projections = this.projections();
    const lock = new Client({ connectionString: withDefaultUser(this.config.DATABASE_URL) });
    await lock.connect();
    const started = Date.now();
    try {
      const here: Projection[] = [];
      const elsewhere: string[] = [];
      for (const projection of projections) {
        const { rows } = await lock.query<{ locked: boolean }>(
          `SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`,
          [lockKey(projection.name)],
        );
        // Replayed here: its secondary indexes are made again after the last page (setIndexesAside).
        await this.checkpoints.reset(projection, { setIndexesAside: rows[0].locked });
        if (rows[0].locked) here.push(projection);
        else elsewhere.push(projection.name);
      }
      const checkpoints = new Map<string, string | undefined>(here.map((p) => [p.name, undefined]));
      const applied = new Map<string, number>(here.map((p) => [p.name, 0]));
      const busy = new Map<string, number>(here.map((p) => [p.name, 0]));
      let position: string | undefined;
      let events = 0;
      // A projection's filter once per rebuild: a getter may compute it (notifications: from every notifier).
      const filters = new Map(here.map((p) => [p.name, p.filter]));
      // Pages are read as stored and opened once for the projections that read personal data: each
      // projection sees the form it would see live (Projection.readsPersonalData).
      const stored = storedForm(this.store);
      const opening = here.some((p) => p.readsPersonalData !== false);
      const read = async (fromPosition?: string) => {
        const page = await stored.readAll({ fromPosition, maxCount: batchSize });
        return { page, opened: opening ? await openStored(this.store, page) : page };
      };
      let next = here.length ? read() : Promise.resolve({ page: [], opened: [] });
      // Each projection goes through the pages in order on a chain of its own, up to PAGES_AHEAD
      // pages ahead of the slowest: no projection waits at the end of a page for the others (while
      // one waits for PostgreSQL to write its page, the others go on with theirs).
      const chains = new Map<string, Promise<void>>(here.map((p) => [p.name, Promise.resolve()]));
      const pages: Promise<unknown>[] = [];
      let failure: { error: unknown } | undefined;
      const settle = (page: Promise<unknown>) =>
        page.catch((error: unknown) => {
          failure ??= { error };
        });
      let logRead = false;
      while (!failure) {
        const { page, opened } = await next;
        if (page.length === 0) {
          logRead = true;
          break;
        }
        position = page[page.length - 1].globalPosition;
        // The next page is read (and opened) while this one is applied.
        next = read(position);
        next.catch(() => undefined);
        events += page.length;
        const applying = here.map((projection) => {
          const chain = chains.get(projection.name)!.then(async () => {
            const filter = filters.get(projection.name)!;
            const share = (projection.readsPersonalData === false ? page : opened).filter((e) => matchesFilter(e, filter));
            if (share.length > 0) {
              const t = Date.now();
              checkpoints.set(projection.name, await this.checkpoints.apply(projection, checkpoints.get(projection.name), share, true));
              applied.set(projection.name, applied.get(projection.name)! + share.length);
              busy.set(projection.name, busy.get(projection.name)! + Date.now() - t);
            }
            // Past the whole page, the events it does not read included: a filtered read from its
            // checkpoint (the API's freshness count, during the rebuild and after it) then walks
            // nothing already passed (the log has no index of types: migration 1765700000300).
            const pageEnd = page[page.length - 1].globalPosition;
            if (checkpoints.get(projection.name) !== pageEnd) {
              checkpoints.set(projection.name, await this.checkpoints.advance(projection, checkpoints.get(projection.name), pageEnd));
            }
          });
          chains.set(projection.name, chain);
          return chain;
        });
        pages.push(settle(Promise.all(applying)));
        if (pages.length >= PAGES_AHEAD) await pages.shift();
      }
      // A projection whose chain has applied the last page is finished, whatever the others still
      // have to apply: its indexes are made again (and its side effects brought in line) while
      // theirs go on, not after the slowest.
      const finishing = logRead
        ? here.map((projection) =>
            chains.get(projection.name)!.then(async () => {
              const t = Date.now();
              await this.checkpoints.rebuilt(projection);
              busy.set(projection.name, busy.get(projection.name)! + Date.now() - t);
            }),
          )
        : [];
      await Promise.all(pages);
      const finished = await Promise.allSettled(finishing);
      if (failure) {
        await this.restoreAfterFailure(here);
        throw failure.error;
      }
      const unfinished = finished.find((f): f is PromiseRejectedResult => f.status === 'rejected');
      if (unfinished) throw unfinished.reason;
      return { events, applied: Object.fromEntries(applied), busyMs: Object.fromEntries(busy), elsewhere, ms: Date.now() - started };
    } finally {
      await lock.end();
    }
  }

  /**
   * After a failed rebuild, the indexes it set aside, made again before the failure is reported.
   * Best effort: if this fails too, whoever next runs the projection makes them (setIndexesAside).
   */
  private async restoreAfterFailure(projections: Projection[]): Promise<void> {
    await Promise.all(projections.map((projection) => this.checkpoints.restoreIndexes(projection).catch(() => 0)));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()));
    await this.locks?.close();
  }
}

@Module({
  imports: [DiscoveryModule],
  providers: [ProjectionRegistry],
  exports: [ProjectionRegistry],
})
export class ProjectionsModule {}

/** For the worker's `rebuild <name>` command; `rebuild --all` rebuilds every read model in one pass. */
export async function rebuildProjection(app: INestApplicationContext, name: string): Promise<void> {
  const logger = new Logger('Projections');
  if (name === '--all') {
    const result = await app.get(ProjectionRegistry).rebuildAll();
    // The figures as fields too (`rebuilt`): a log reader (and the bench) takes them from there.
    logger.log(
      { rebuilt: result },
      `all read models: ${result.events} events replayed in ${result.ms} ms (${Object.entries(result.applied)
        .map(([n, c]) => `${n} ${c}`)
        .join(', ')}; busy ms: ${Object.entries(result.busyMs)
        .sort(([, a], [, b]) => b - a)
        .map(([n, ms]) => `${n} ${ms}`)
        .join(', ')})${result.elsewhere.length ? `; reset only, a worker replays them: ${result.elsewhere.join(', ')}` : ''}`,
    );
    return;
  }
  const result = await app.get(ProjectionRegistry).rebuild(name);
  logger.log(
    result.replayedHere
      ? `${name}: read model cleared and replayed here (${result.events} events)`
      : `${name}: read model cleared; the worker that runs this projection is replaying it now`,
  );
}
