import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { ImportRecords } from '../import-records';
import { ImportService } from '../import-service';
import { importedRows, rowsWithErrors } from '../messages';
import { UnreadableFileError } from '../table/read-table';

export const IMPORTS_QUEUE = 'imports';

export interface ImportJob {
  importId: string;
}

export const IMPORT_JOB_ATTEMPTS = 3;

/** How often progress is saved while rows are written. */
const PROGRESS_EVERY_MS = 500;

/**
 * Runs an import queued by the API: reads the file kept with the import, checks every row again
 * (time has passed, an account may have been deactivated), and writes the rows only when all of
 * them pass. One import at a time per worker: case numbers are handed out in the file's order.
 */
@Processor(IMPORTS_QUEUE, { concurrency: 1 })
export class ImportJobs extends WorkerHost {
  private readonly logger = new Logger('Imports');

  constructor(
    private readonly records: ImportRecords,
    private readonly imports: ImportService,
  ) {
    super();
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn({ err: error }, 'import queue error');
  }

  /** After the last attempt: the import says it stopped; what it wrote stays, and importing the file again adds the rest. */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<ImportJob> | undefined, error: Error): Promise<void> {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    this.logger.error({ err: error, importId: job.data.importId }, 'import failed');
    await this.records
      .update(job.data.importId, {
        state: 'failed',
        message: 'The import stopped on an internal error. Rows written before it stay; importing the same file again adds only the others.',
      })
      .catch(() => undefined);
  }

  process(job: Job<ImportJob>): Promise<string> {
    return this.run(job.data.importId);
  }

  async run(importId: string): Promise<string> {
    const stored = await this.records.load(importId);
    if (!stored) return 'missing';
    const { status, actor, content } = stored;
    if (status.state === 'completed' || status.state === 'failed') return status.state;
    if (!content) {
      await this.records.update(importId, { state: 'failed', message: 'The uploaded file is no longer kept: upload it again.' });
      return 'failed';
    }

    await this.records.update(importId, { state: 'validating' });
    let validation;
    try {
      validation = await this.imports.validate(status.kind, await this.imports.read(content), status.fileHash, actor);
    } catch (error) {
      if (!(error instanceof UnreadableFileError)) throw error;
      await this.records.update(importId, { state: 'failed', errors: [{ row: 0, column: null, field: 'file', message: error.message }], message: error.message });
      return 'failed';
    }
    const { rowsTotal, planned, errors } = validation;
    if (errors.length) {
      const badRows = new Set(errors.map((e) => e.row)).size;
      await this.records.update(importId, {
        state: 'failed',
        rowsTotal,
        errors,
        message: `${rowsWithErrors(badRows, rowsTotal)}. Correct what is listed and upload the file again.`,
      });
      return 'failed';
    }

    await this.records.update(importId, { state: 'writing', rowsTotal });
    let saved = Date.now();
    const counts = await this.imports.writeRows(
      status.kind,
      planned,
      actor,
      (row) => ({ import: { importId, kind: status.kind, fileHash: status.fileHash, row: row.row } }),
      async ({ written, existed, refused }) => {
        if (Date.now() - saved < PROGRESS_EVERY_MS) return;
        saved = Date.now();
        await this.records.update(importId, { rowsDone: written + existed + refused, rowsWritten: written, rowsAlreadyImported: existed });
      },
    );
    await this.records.update(importId, {
      state: 'completed',
      rowsDone: counts.written + counts.existed + counts.refused.length,
      rowsWritten: counts.written,
      rowsAlreadyImported: counts.existed,
      // Checked before, but another record may have taken a row's number since: that row only is refused.
      ...(counts.refused.length ? { errors: counts.refused } : {}),
      message: importedRows({ written: counts.written, existed: counts.existed, refused: counts.refused.length }),
    });
    this.logger.log({ importId, kind: status.kind, ...counts }, 'import completed');
    return 'completed';
  }
}
