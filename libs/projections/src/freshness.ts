import { AsyncLocalStorage } from 'node:async_hooks';
import { CallHandler, ExecutionContext, Inject, Injectable, Module, NestInterceptor, SetMetadata, StreamableFile } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { from, map, Observable, switchMap } from 'rxjs';
import { DataSource } from 'typeorm';
import { Clock, CLOCK, shanghaiInstant } from '@lc/decider';
import { EVENT_STORE, EventFilter, EventStore } from '@lc/event-store';

/**
 * How current an answer is: `asOf`, the time of the last event applied to the read models it
 * comes from (the earliest of them when several); `upToDate`, whether they have applied every
 * event of the log they read; `behindEvents`, how many such events wait (counted up to
 * MAX_COUNTED each). An answer folded from a record's own stream is current by construction.
 */
export interface Freshness {
  asOf: Date | null;
  upToDate: boolean;
  behindEvents: number;
}

export interface ReadModelLag extends Freshness {
  name: string;
  /** The projection's last failure, until a batch succeeds again. */
  lastError: string | null;
}

/** Events counted per read model when saying how far behind it is; more shows as this many. */
export const MAX_COUNTED = 1000;

/** The body of every read route carries the answer's freshness under this key. */
export const FRESHNESS_FIELD = 'freshness';
export const READS_MODELS = 'labour-cases:reads-models';
/** Marks a read route whose answer is folded from the record's own event stream. */
export const FROM_EVENT_STREAM = 'event-stream';

/**
 * `@ReadsModels('dispute-cases')`: the route answers from these read models (projection names),
 * and its JSON body gets `freshness`. `@ReadsModels(FROM_EVENT_STREAM)` for a record read from its
 * own stream.
 */
export const ReadsModels = (...names: string[]) => SetMetadata(READS_MODELS, names);

export interface CheckpointRow {
  name: string;
  position: string | null;
  /** When the row last changed: every batch applied, and a rebuild's reset. */
  updated_at: Date | null;
  last_event_at: Date | null;
  filter: EventFilter | null;
  last_error: string | null;
}

/**
 * The checkpoint rows the FreshnessInterceptor read for the request being handled: a handler that
 * needs one of them (the statistics reader's cache key) takes it from here instead of reading it
 * again. They were read before the handler ran, which is all such a reader needs ("the answer has
 * at least what the checkpoint says").
 */
const requestCheckpoints = new AsyncLocalStorage<ReadonlyMap<string, CheckpointRow>>();

/** Reads the projections' checkpoints and the event log: usable by any process, not only the worker. */
@Injectable()
export class ReadModelFreshness {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Every read model a worker has ever run (its checkpoint row), by name. */
  async all(): Promise<ReadModelLag[]> {
    const rows: CheckpointRow[] = await this.dataSource.query(
      `SELECT name, position, updated_at, last_event_at, filter, last_error FROM projection_checkpoints ORDER BY name`,
    );
    return Promise.all(rows.map((row) => this.lagOf(row)));
  }

  async of(names: string[]): Promise<Freshness> {
    return this.lagBehind(await this.checkpoints(names));
  }

  /**
   * Where the read models an answer is made from stood before it was made: inside a request whose
   * route declared them (@ReadsModels), the rows its FreshnessInterceptor read, without reading
   * them again; elsewhere read now. Never for waiting on a projection: those rows do not move.
   */
  async checkpointsOfAnswer(names: string[]): Promise<CheckpointRow[]> {
    const held = requestCheckpoints.getStore();
    if (held && names.every((n) => held.has(n))) return names.map((n) => held.get(n)!);
    return this.checkpoints(names);
  }

  /**
   * Where each read model stands now: read before the answer is, so that the answer has at least
   * what `asOf` says. (A read model no worker has started yet has applied nothing.)
   */
  async checkpoints(names: string[]): Promise<CheckpointRow[]> {
    const rows: CheckpointRow[] = await this.dataSource.query(
      `SELECT name, position, updated_at, last_event_at, filter, last_error FROM projection_checkpoints WHERE name = ANY($1)`,
      [names],
    );
    const missing = names.filter((n) => !rows.some((r) => r.name === n));
    return [...rows, ...missing.map((name) => ({ name, position: null, updated_at: null, last_event_at: null, filter: null, last_error: null }))];
  }

  /** Runs `handle` (a route's handler) with the checkpoint rows read for its request at hand. */
  static withCheckpoints<T>(rows: CheckpointRow[], handle: () => T): T {
    return requestCheckpoints.run(new Map(rows.map((r) => [r.name, r])), handle);
  }

  /** Whether the log holds events past those checkpoints: it may be asked while the answer is read. */
  async lagBehind(checkpoints: CheckpointRow[]): Promise<Freshness> {
    return combine(await Promise.all(checkpoints.map((row) => this.lagOf(row))));
  }

  private async lagOf(row: CheckpointRow): Promise<ReadModelLag> {
    const filter = row.filter ?? undefined;
    const position = row.position ?? undefined;
    // Every event waiting counts, also those an older open transaction still holds back from readers.
    const behindEvents = await this.store.countEventsAfter(position, filter, MAX_COUNTED);
    return { name: row.name, asOf: row.last_event_at, upToDate: behindEvents === 0, behindEvents, lastError: row.last_error };
  }
}

/**
 * Several read models' freshness as one answer's: the earliest `asOf`. A read model that has
 * applied nothing and has nothing to apply (no event of its kind yet: no mediation in a new
 * district) says nothing about the answer's age and is left out; one that has applied nothing
 * while events wait makes `asOf` null.
 */
export function combine(lags: Freshness[]): Freshness {
  const telling = lags.filter((l) => l.asOf !== null || !l.upToDate);
  const times = telling.map((l) => l.asOf);
  const asOf = times.length === 0 || times.some((t) => t === null) ? null : new Date(Math.min(...times.map((t) => (t as Date).getTime())));
  return { asOf, upToDate: lags.every((l) => l.upToDate), behindEvents: lags.reduce((sum, l) => sum + l.behindEvents, 0) };
}

/**
 * Adds `freshness` to the JSON body of every route marked @ReadsModels; a file download (no JSON
 * body to add it to) carries the same three values in X-Data-As-Of, X-Data-Up-To-Date and
 * X-Data-Behind-Events.
 */
@Injectable()
export class FreshnessInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly freshness: ReadModelFreshness,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const names = context.getType() === 'http' ? this.reflector.get<string[] | undefined>(READS_MODELS, context.getHandler()) : undefined;
    if (!names) return next.handle();
    const models = names.filter((n) => n !== FROM_EVENT_STREAM);
    // The checkpoints are read before the answer is, so the answer has at least what `asOf` says;
    // whether the log has more is asked while the answer is read (one round trip less in a read).
    const checkpoints = models.length > 0 ? this.freshness.checkpoints(models) : Promise.resolve(null);
    return from(checkpoints).pipe(
      switchMap((rows) => {
        const lag: Promise<Freshness> = rows ? this.freshness.lagBehind(rows) : Promise.resolve({ asOf: this.clock.now(), upToDate: true, behindEvents: 0 });
        // Settled now, so that a failed answer leaves no unhandled rejection behind.
        lag.catch(() => undefined);
        // The handler runs (on subscription) with these rows at hand (ReadModelFreshness.checkpoints).
        const handled = new Observable<unknown>((subscriber) => ReadModelFreshness.withCheckpoints(rows ?? [], () => next.handle().subscribe(subscriber)));
        return handled.pipe(switchMap((body: unknown) => from(lag).pipe(map((freshness) => this.withFreshness(context, body, freshness)))));
      }),
    );
  }

  private withFreshness(context: ExecutionContext, body: unknown, freshness: Freshness): unknown {
    if (body instanceof StreamableFile || body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
      const res = context.switchToHttp().getResponse<Response>();
      // In China time with its offset, as every instant in a body is (the JSON replacer does not see headers).
      if (freshness.asOf) res.setHeader('X-Data-As-Of', shanghaiInstant(freshness.asOf));
      res.setHeader('X-Data-Up-To-Date', String(freshness.upToDate));
      res.setHeader('X-Data-Behind-Events', String(freshness.behindEvents));
      return body;
    }
    return { ...(body as Record<string, unknown>), [FRESHNESS_FIELD]: freshness };
  }
}

@Module({
  providers: [ReadModelFreshness],
  exports: [ReadModelFreshness],
})
export class FreshnessModule {}
