import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Queue } from 'bullmq';
import { domainActor } from '@lc/access';
import { assertQueueReady } from '@lc/redis';
import { ImportRecords, ImportStatus } from '../import-records';
import { ImportService } from '../import-service';
import { IMPORT_JOB_ATTEMPTS, IMPORTS_QUEUE, ImportJob } from '../job/import-jobs.processor';
import { RowError } from '../kinds/columns';
import { rowsWithErrors } from '../messages';
import { StartImportCommand } from './start-import.command';

/** A real run refused because rows are bad: 400, every bad row named, nothing queued or written. */
export class ImportRejectedError extends Error {
  // The problem-details filter answers any error with a known code, and passes `errors` on as they are: here with row and column.
  readonly code = 'validation_failed';
  constructor(
    message: string,
    readonly errors: RowError[],
  ) {
    super(message);
    this.name = 'ImportRejectedError';
  }
}

/** Checks the file; a good one gets an import record and a job (202), a file with a bad row is refused whole. */
@CommandHandler(StartImportCommand)
export class StartImportHandler implements ICommandHandler<StartImportCommand, ImportStatus> {
  constructor(
    private readonly imports: ImportService,
    private readonly records: ImportRecords,
    @InjectQueue(IMPORTS_QUEUE) private readonly queue: Queue<ImportJob>,
  ) {}

  async execute({ upload, actor }: StartImportCommand): Promise<ImportStatus> {
    const who = domainActor(actor);
    const { fileHash, table, validation, badRows } = await this.imports.check(upload.kind, upload.content, who);
    if (validation.errors.length) {
      throw new ImportRejectedError(rowsWithErrors(badRows, validation.rowsTotal), validation.errors);
    }
    // Redis away: answer 503 now, before an import record exists that no job would ever write.
    await assertQueueReady(this.queue);
    const id = randomUUID();
    const status = await this.records.create({
      id,
      kind: upload.kind,
      fileName: upload.fileName,
      fileHash,
      format: table.format,
      content: upload.content,
      rowsTotal: validation.rowsTotal,
      actor: who,
    });
    await this.queue.add('import', { importId: id }, {
      jobId: id,
      attempts: IMPORT_JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: 5000 },
      removeOnComplete: { age: 7 * 86_400 },
      removeOnFail: { age: 30 * 86_400 },
    });
    return status;
  }
}
