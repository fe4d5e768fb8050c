import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { accountDecider, accountStream, usernameStream } from '@lc/accounts';
import { Actor, Clock, CLOCK, DomainEvent } from '@lc/decider';
import { CaseNumberAllocator } from '@lc/disputes';
import { appendDecision, claimUniqueKey, ConcurrencyError, decideAndAppend, decideOn, EVENT_STORE, EventStore, loadState } from '@lc/event-store';
import { ImportKindName, RowError } from './kinds/columns';
import { IMPORT_KIND } from './kinds/kinds';
import { readTable, Table } from './table/read-table';
import { PlannedRow, Validation, validateRows } from './validate-rows';

/** Stands in for a row's case number while its commands are decided: the number is allocated once the decision stands. */
const CASE_NO_TO_BE_ALLOCATED = 'to-be-allocated';

export function fileHashOf(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** What every event of an import carries in its metadata, to tell imported history from live work. */
export interface ImportMetadata {
  import: { importId: string; kind: ImportKindName; fileHash: string; row: number };
}

/** ImportService.check's answer: the file, its rows' check and how many rows have errors. */
export interface CheckedFile {
  fileHash: string;
  table: Table;
  validation: Validation;
  badRows: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How many lanes are written at once: enough to hide round trips, few enough to leave the pool to others. */
const PARALLEL_ROWS = 8;
/** Rows of a lane written together: one read, one number allocation, appends committed in groups. */
const CHUNK_ROWS = 50;

/**
 * Reads, checks and writes imports. The API checks a file at once (dry run, or before queueing
 * it); the worker's job checks it again, since time has passed and accounts may have changed,
 * and writes it only when every row passes.
 */
@Injectable()
export class ImportService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly caseNumbers: CaseNumberAllocator,
  ) {}

  read(content: Buffer): Promise<Table> {
    return readTable(content);
  }

  /** An uploaded file read and every row checked, as the API checks it before anything is written or queued. */
  async check(kind: ImportKindName, content: Buffer, actor: Actor): Promise<CheckedFile> {
    const fileHash = fileHashOf(content);
    const table = await this.read(content);
    const validation = await this.validate(kind, table, fileHash, actor);
    return { fileHash, table, validation, badRows: new Set(validation.errors.map((e) => e.row)).size };
  }

  async validate(kind: ImportKindName, table: Table, fileHash: string, actor: Actor): Promise<Validation> {
    const mediators = new Map<string, Promise<{ id: string } | { problem: string }>>();
    return validateRows(kind, table, {
      fileHash,
      now: this.clock.now(),
      actor,
      mediatorId: (value) => {
        const key = value.trim().toLowerCase();
        if (!mediators.has(key)) mediators.set(key, this.findMediator(value.trim()));
        return mediators.get(key)!;
      },
      numberOwner: async (streamId) => {
        const [claim] = await this.store.readStream(streamId, { maxCount: 1 });
        return claim ? String(claim.data.ownerId) : undefined;
      },
    });
  }

  /** The account of an active mediator, by username (as clerks know them) or by id. */
  private async findMediator(value: string): Promise<{ id: string } | { problem: string }> {
    let accountId = value;
    if (!UUID.test(value)) {
      const [claim] = await this.store.readStream(usernameStream(value), { maxCount: 1 });
      if (!claim) return { problem: `no account has the username ${value}` };
      accountId = (claim.data as { accountId: string }).accountId;
    }
    const { state } = await loadState(this.store, accountDecider, accountStream(accountId));
    if (!state.exists) return { problem: `no account has the id ${value}` };
    if (state.role !== 'mediator') return { problem: `${value} is not a mediator's account` };
    if (!state.active) return { problem: `${value} is deactivated` };
    return { id: accountId };
  }

  /** Rows an earlier import of the same file wrote already. */
  async countWritten(planned: PlannedRow[]): Promise<number> {
    let count = 0;
    await inBatches(planned, async (row) => {
      if (await this.exists(row.streamId)) count++;
    });
    return count;
  }

  private async exists(streamId: string): Promise<boolean> {
    return (await this.store.readStream(streamId, { maxCount: 1 })).length > 0;
  }

  /**
   * Writes one row: its commands decided in turn and appended in one append, so a row is written
   * whole or not at all. A row written before (the same file imported again, or a job retried)
   * appends nothing. A row whose unique number another record took since the check is refused:
   * it appends nothing, and its error is returned. (writeRows writes a lane's rows a chunk at a
   * time; this is the one-row path it falls back on.)
   */
  async writeRow(kind: ImportKindName, row: PlannedRow, actor: Actor, metadata: ImportMetadata): Promise<'written' | 'existed' | RowError> {
    if (await this.exists(row.streamId)) return 'existed';
    const importKind = IMPORT_KIND[kind];
    try {
      const result = await decideAndAppend(this.store, importKind.decider, row.streamId, this.commandsOf(row, actor), {
        ...this.writeContext(kind, row, actor, metadata),
        // As the API's commands do, once the row's decision stands and just before the append:
        // its unique number claimed (first come, first served), then its case number allocated.
        beforeAppend: async (events) => {
          await this.claimNumber(row, actor);
          if (!row.caseNumber) return events;
          // The allocator finds the number it gave this record before, should a try have stopped after it.
          return withCaseNo(events, await this.caseNumbers.allocate(row.id, row.caseNumber.subDistrict, row.caseNumber.year, actor));
        },
      });
      return result.events.length ? 'written' : 'existed';
    } catch (error) {
      if (error instanceof NumberTakenError) return error.rowError;
      throw error;
    }
  }

  /**
   * Writes a chunk of one lane's rows with a few round trips instead of five per row: one read
   * tells which rows were written before; the others are decided on their empty streams (pure),
   * their unique numbers claimed, their case numbers allocated together in file order once the
   * decisions stand, and their appends sent together (the event store commits them in groups).
   * A row whose stream was started meanwhile goes the one-row way.
   */
  private async writeChunk(kind: ImportKindName, rows: PlannedRow[], actor: Actor, metadataOf: (row: PlannedRow) => ImportMetadata): Promise<Array<'written' | 'existed' | RowError>> {
    const decider = IMPORT_KIND[kind].decider;
    const stored = await this.store.readStreams(rows.map((row) => row.streamId));
    const fresh = rows.filter((row) => stored.get(row.streamId)!.length === 0);
    const empty = { state: decider.initialState(), version: 0, events: [] };
    const decided = fresh.map((row) => {
      const context = this.writeContext(kind, row, actor, metadataOf(row));
      return { row, context, decision: decideOn(decider, row.streamId, empty, this.commandsOf(row, actor), context) };
    });
    const claims = await Promise.all(decided.map(({ row }) => this.claimNumber(row, actor).then(() => undefined, (error: unknown) => error)));
    const standing = decided.filter((_, i) => claims[i] === undefined);
    const caseNos = await this.caseNumbersFor(standing.map((d) => d.row), actor);
    const outcomes = new Map<PlannedRow, 'written' | 'existed' | RowError>();
    await Promise.all(
      decided.map(async ({ row, context, decision }, i) => {
        const claim = claims[i];
        if (claim instanceof NumberTakenError) return outcomes.set(row, claim.rowError);
        if (claim !== undefined) throw claim;
        try {
          const caseNo = caseNos.get(row);
          await appendDecision(this.store, decider, decision, { ...context, beforeAppend: async (events) => (caseNo ? withCaseNo(events, caseNo) : events) });
          outcomes.set(row, 'written');
        } catch (error) {
          if (!(error instanceof ConcurrencyError)) throw error;
          outcomes.set(row, await this.writeRow(kind, row, actor, metadataOf(row)));
        }
      }),
    );
    return rows.map((row) => outcomes.get(row) ?? 'existed');
  }

  private commandsOf(row: PlannedRow, actor: Actor) {
    return row.build(this.clock.now(), actor, row.caseNumber ? CASE_NO_TO_BE_ALLOCATED : '');
  }

  private writeContext(kind: ImportKindName, row: PlannedRow, actor: Actor, metadata: ImportMetadata) {
    return { actor, idempotencyKey: `import:${metadata.import.fileHash}:${kind}:${row.row}`, metadata: { ...metadata } };
  }

  /** The row's unique number (work order, court case number), claimed for it: NumberTakenError if another record holds it. */
  private async claimNumber(row: PlannedRow, actor: Actor): Promise<void> {
    const unique = row.uniqueNumber;
    if (!unique) return;
    const { ownerId } = await claimUniqueKey(this.store, { streamId: unique.streamId, type: unique.claimType, ownerId: row.id, data: unique.data, actor });
    if (ownerId !== row.id) {
      throw new NumberTakenError({ row: row.row, column: unique.column, field: unique.key, message: `${unique.taken} (${unique.owner} ${ownerId})` });
    }
  }

  /** Case numbers for the rows that need one, per sub-district and year, in file order. */
  private async caseNumbersFor(rows: PlannedRow[], actor: Actor): Promise<Map<PlannedRow, string>> {
    const byCounter = new Map<string, PlannedRow[]>();
    for (const row of rows.filter((r) => r.caseNumber)) {
      const key = `${row.caseNumber!.subDistrict}-${row.caseNumber!.year}`;
      byCounter.set(key, [...(byCounter.get(key) ?? []), row]);
    }
    const numbered = new Map<PlannedRow, string>();
    for (const counter of byCounter.values()) {
      const { subDistrict, year } = counter[0].caseNumber!;
      const caseNos = await this.caseNumbers.allocateMany(counter.map((r) => r.id), subDistrict, year, actor);
      counter.forEach((row, i) => numbered.set(row, caseNos[i]));
    }
    return numbered;
  }

  /**
   * Writes the rows in lanes, a few lanes at a time, each lane a chunk at a time. Dispute cases of
   * one sub-district and year share a lane, so that their case numbers follow the file's order;
   * other rows are independent. Progress is told after every chunk (the caller decides how often
   * to save it).
   */
  async writeRows(
    kind: ImportKindName,
    rows: PlannedRow[],
    actor: Actor,
    metadataOf: (row: PlannedRow) => ImportMetadata,
    progress: (done: { written: number; existed: number; refused: number }) => Promise<void>,
  ): Promise<{ written: number; existed: number; refused: RowError[] }> {
    const counts = { written: 0, existed: 0 };
    const refused: RowError[] = [];
    const lanes = new Map<string, PlannedRow[]>();
    for (const row of rows) {
      const lane = row.caseNumber ? `${row.caseNumber.subDistrict}-${row.caseNumber.year}` : String(row.row % PARALLEL_ROWS);
      lanes.set(lane, [...(lanes.get(lane) ?? []), row]);
    }
    const waiting = [...lanes.values()];
    const work = async () => {
      for (let lane = waiting.shift(); lane; lane = waiting.shift()) {
        for (let i = 0; i < lane.length; i += CHUNK_ROWS) {
          for (const result of await this.writeChunk(kind, lane.slice(i, i + CHUNK_ROWS), actor, metadataOf)) {
            if (typeof result === 'string') counts[result]++;
            else refused.push(result);
          }
          await progress({ ...counts, refused: refused.length });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_ROWS, waiting.length) }, work));
    return { ...counts, refused: refused.sort((a, b) => a.row - b.row) };
  }
}

function withCaseNo(events: DomainEvent[], caseNo: string): DomainEvent[] {
  return events.map((e) => (e.type === 'DisputeOpened' ? { ...e, data: { ...(e.data as object), caseNo } } : e));
}

/** Another record took the row's number between the check and the write. */
class NumberTakenError extends Error {
  constructor(readonly rowError: RowError) {
    super(rowError.message);
  }
}

async function inBatches<T>(items: T[], work: (item: T) => Promise<void>, size = PARALLEL_ROWS): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}
