import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { accountDecider, accountStream, usernameStream } from '@lc/accounts';
import { Actor, Clock, CLOCK } from '@lc/decider';
import { CaseNumberAllocator } from '@lc/disputes';
import { claimUniqueKey, decideAndAppend, EVENT_STORE, EventStore, loadState } from '@lc/event-store';
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

/** How many rows are looked up or written at once: enough to hide round trips, few enough to leave the pool to others. */
const PARALLEL_ROWS = 8;

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
   * it appends nothing, and its error is returned.
   */
  async writeRow(kind: ImportKindName, row: PlannedRow, actor: Actor, metadata: ImportMetadata): Promise<'written' | 'existed' | RowError> {
    if (await this.exists(row.streamId)) return 'existed';
    const unique = row.uniqueNumber;
    const importKind = IMPORT_KIND[kind];
    let takenBy: string | undefined;
    try {
      const caseNo = row.caseNumber ? CASE_NO_TO_BE_ALLOCATED : '';
      const result = await decideAndAppend(this.store, importKind.decider, row.streamId, row.build(this.clock.now(), actor, caseNo), {
        actor,
        idempotencyKey: `import:${metadata.import.fileHash}:${kind}:${row.row}`,
        metadata: { ...metadata },
        // As the API's commands do, once the row's decision stands and just before the append:
        // its unique number claimed (first come, first served), then its case number allocated.
        beforeAppend: async (events) => {
          if (unique) {
            const { ownerId } = await claimUniqueKey(this.store, { streamId: unique.streamId, type: unique.claimType, ownerId: row.id, data: unique.data, actor });
            if (ownerId !== row.id) {
              takenBy = ownerId;
              throw new NumberTakenError();
            }
          }
          if (!row.caseNumber) return events;
          // The allocator finds the number it gave this record before, should a try have stopped after it.
          const allocated = await this.caseNumbers.allocate(row.id, row.caseNumber.subDistrict, row.caseNumber.year, actor);
          return events.map((e) => (e.type === 'DisputeOpened' ? { ...e, data: { ...(e.data as object), caseNo: allocated } } : e));
        },
      });
      return result.events.length ? 'written' : 'existed';
    } catch (error) {
      if (!(error instanceof NumberTakenError) || !unique) throw error;
      return { row: row.row, column: unique.column, field: unique.key, message: `${unique.taken} (${unique.owner} ${takenBy})` };
    }
  }

  /**
   * Writes the rows in lanes, a few lanes at a time. Dispute cases of one sub-district and year
   * share a lane, so that their case numbers follow the file's order; other rows are independent.
   * Progress is told after every row (the caller decides how often to save it).
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
        for (const row of lane) {
          const result = await this.writeRow(kind, row, actor, metadataOf(row));
          if (typeof result === 'string') counts[result]++;
          else refused.push(result);
          await progress({ ...counts, refused: refused.length });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_ROWS, waiting.length) }, work));
    return { ...counts, refused: refused.sort((a, b) => a.row - b.row) };
  }
}

/** Another record took the row's number between the check and the write. */
class NumberTakenError extends Error {}

async function inBatches<T>(items: T[], work: (item: T) => Promise<void>, size = PARALLEL_ROWS): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}
