import { Actor } from '@lc/decider';
import { deterministicUuid } from '@lc/event-store';
import { CellError, isBlank } from './table/cells';
import { Table } from './table/read-table';
import { ImportKindName, mapColumns, readCell, RowError } from './kinds/columns';
import { BuildCommands, ImportKind, RowContext, RowIssues, RowValues, UniqueNumber } from './kinds/kind';
import { IMPORT_KIND } from './kinds/kinds';

/** A row that passed every check, ready to be written. */
export interface PlannedRow {
  row: number;
  /** The record's id: the same file always gives the same ids, so a second import finds its rows written. */
  id: string;
  streamId: string;
  build: BuildCommands<unknown>;
  caseNumber?: { subDistrict: string; year: number };
  /** The number the row claims when it is written (work-order number, court case number). */
  uniqueNumber?: UniqueNumber & { column: string };
}

export interface Validation {
  kind: ImportKindName;
  /** Data rows (blank rows are not counted). */
  rowsTotal: number;
  planned: PlannedRow[];
  /** Every problem of every row, in file order. Nothing may be written while there is one. */
  errors: RowError[];
}

export interface ValidationContext {
  fileHash: string;
  now: Date;
  actor: Actor;
  mediatorId: RowContext['mediatorId'];
  /** The id of the record holding a unique number (by its claim stream); undefined while it is free. */
  numberOwner(streamId: string): Promise<string | undefined>;
}

export function importedRecordId(kind: ImportKindName, fileHash: string, row: number): string {
  return deterministicUuid('import', kind, fileHash, String(row));
}

/**
 * Checks every row of the table as the API would check the same requests (its zod schemas), then
 * as the deciders would (dates in order, not in the future, the 30-day windows...), without
 * writing anything.
 */
export async function validateRows(kindName: ImportKindName, table: Table, context: ValidationContext): Promise<Validation> {
  const kind: ImportKind = IMPORT_KIND[kindName];
  const columns = mapColumns(kindName, kind.columns, table);
  const errors: RowError[] = [...columns.errors];
  const planned: PlannedRow[] = [];
  let rowsTotal = 0;
  // Claim stream → the first row carrying that number: a file cannot give one number to two records.
  const numbersInFile = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    if (cells.every((cell) => isBlank(cell))) continue;
    rowsTotal++;
    // An unusable header row makes every row's reading a guess: report the header alone.
    if (columns.errors.length) continue;
    const issues = new RowIssues(row, columns.header);
    const extra = cells.findIndex((cell, i) => i >= table.headers.length && !isBlank(cell));
    if (extra >= 0) issues.add(null, `has a value in column ${extra + 1}, which has no header`);
    const values: RowValues = {};
    for (const spec of kind.columns) {
      const index = columns.index.get(spec.key);
      if (index === undefined) continue;
      try {
        values[spec.key] = readCell(spec, cells[index]);
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
        issues.add(spec.key, error.message);
      }
    }
    const id = importedRecordId(kindName, context.fileHash, row);
    const build = await kind.plan(values, { row, id, now: context.now, actor: context.actor, mediatorId: context.mediatorId }, issues);
    const candidate = kind.uniqueNumber?.(values);
    // A number the schema refused already has its error.
    const uniqueNumber = candidate && !issues.blames(candidate.key) ? candidate : undefined;
    if (uniqueNumber) {
      // The same rule as the API's: a number already held by another record (the same file's own
      // row, imported before, holds it itself) is the row's error, and nothing is written for it.
      const earlierRow = numbersInFile.get(uniqueNumber.streamId);
      if (earlierRow !== undefined) issues.add(uniqueNumber.key, `${uniqueNumber.value} is also in row ${earlierRow}: a number belongs to one ${uniqueNumber.owner}`);
      else {
        numbersInFile.set(uniqueNumber.streamId, row);
        const owner = await context.numberOwner(uniqueNumber.streamId);
        if (owner !== undefined && owner !== id) issues.add(uniqueNumber.key, `${uniqueNumber.taken} (${uniqueNumber.owner} ${owner})`);
      }
    }
    if (build && !issues.any) {
      planned.push({
        row,
        id,
        streamId: kind.streamOf(id),
        build,
        caseNumber: kind.caseNumber?.(values),
        uniqueNumber: uniqueNumber && { ...uniqueNumber, column: columns.header(uniqueNumber.key) },
      });
    }
    errors.push(...issues.errors);
  }
  if (rowsTotal === 0 && !columns.errors.length) errors.push({ row: table.headerRow, column: null, field: null, message: 'the file has no data rows' });
  return { kind: kindName, rowsTotal, planned, errors };
}
