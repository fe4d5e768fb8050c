import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ImportKindName, RowError } from './kinds/columns';

export const IMPORT_STATES = ['queued', 'validating', 'writing', 'completed', 'failed'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

/** GET /api/v1/imports/{id}. */
export interface ImportStatus {
  id: string;
  kind: ImportKindName;
  fileName: string | null;
  fileHash: string;
  format: 'csv' | 'xlsx';
  state: ImportState;
  rowsTotal: number;
  rowsDone: number;
  /** Rows that became new records. */
  rowsWritten: number;
  /** Rows an earlier import of the same file had written: nothing was added for them. */
  rowsAlreadyImported: number;
  errors: RowError[];
  message: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

interface Row {
  id: string;
  kind: ImportKindName;
  file_name: string | null;
  file_hash: string;
  format: 'csv' | 'xlsx';
  state: ImportState;
  rows_total: number;
  rows_done: number;
  rows_written: number;
  rows_already_imported: number;
  errors: RowError[];
  message: string | null;
  actor_id: string;
  actor_role: string;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

export interface StoredImport {
  status: ImportStatus;
  actor: { id: string; role: string };
  content: Buffer | null;
}

/** The imports table: an operational record (like the idempotency keys), not a projection of events. */
@Injectable()
export class ImportRecords {
  constructor(private readonly dataSource: DataSource) {}

  async create(record: {
    id: string;
    kind: ImportKindName;
    fileName: string | null;
    fileHash: string;
    format: 'csv' | 'xlsx';
    content: Buffer;
    rowsTotal: number;
    actor: { id: string; role: string };
  }): Promise<ImportStatus> {
    await this.dataSource.query(
      `INSERT INTO imports (id, kind, file_name, file_hash, format, content, state, rows_total, actor_id, actor_role)
       VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7, $8, $9)`,
      [record.id, record.kind, record.fileName, record.fileHash, record.format, record.content, record.rowsTotal, record.actor.id, record.actor.role],
    );
    return (await this.status(record.id))!;
  }

  async status(id: string): Promise<ImportStatus | undefined> {
    return (await this.load(id, false))?.status;
  }

  async load(id: string, withContent = true): Promise<StoredImport | undefined> {
    const [row]: Array<Row & { content?: Buffer | null }> = await this.dataSource.query(
      `SELECT id, kind, file_name, file_hash, format, state, rows_total, rows_done, rows_written, rows_already_imported,
              errors, message, actor_id, actor_role, created_at, updated_at, finished_at${withContent ? ', content' : ''}
         FROM imports WHERE id = $1`,
      [id],
    );
    if (!row) return undefined;
    return {
      status: {
        id: row.id,
        kind: row.kind,
        fileName: row.file_name,
        fileHash: row.file_hash,
        format: row.format,
        state: row.state,
        rowsTotal: row.rows_total,
        rowsDone: row.rows_done,
        rowsWritten: row.rows_written,
        rowsAlreadyImported: row.rows_already_imported,
        errors: row.errors,
        message: row.message,
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
        finishedAt: row.finished_at?.toISOString() ?? null,
      },
      actor: { id: row.actor_id, role: row.actor_role },
      content: row.content ?? null,
    };
  }

  async update(
    id: string,
    change: Partial<Pick<ImportStatus, 'state' | 'rowsTotal' | 'rowsDone' | 'rowsWritten' | 'rowsAlreadyImported' | 'errors' | 'message'>>,
  ): Promise<void> {
    const final = change.state === 'completed' || change.state === 'failed';
    await this.dataSource.query(
      `UPDATE imports SET
         state = COALESCE($2, state),
         rows_total = COALESCE($3, rows_total),
         rows_done = COALESCE($4, rows_done),
         rows_written = COALESCE($5, rows_written),
         rows_already_imported = COALESCE($6, rows_already_imported),
         errors = COALESCE($7::jsonb, errors),
         message = COALESCE($8, message),
         updated_at = now(),
         finished_at = CASE WHEN $9 THEN now() ELSE finished_at END,
         -- The file holds personal data: kept only until the job is over.
         content = CASE WHEN $9 THEN NULL ELSE content END
       WHERE id = $1`,
      [
        id,
        change.state ?? null,
        change.rowsTotal ?? null,
        change.rowsDone ?? null,
        change.rowsWritten ?? null,
        change.rowsAlreadyImported ?? null,
        change.errors ? JSON.stringify(change.errors) : null,
        change.message ?? null,
        final,
      ],
    );
  }
}
