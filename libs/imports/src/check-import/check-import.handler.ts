import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { domainActor } from '@lc/access';
import { ImportService } from '../import-service';
import { ImportKindName, RowError } from '../kinds/columns';
import { CheckImportQuery } from './check-import.query';

/** What a dry run answers (200). */
export interface ImportDryRun {
  dryRun: true;
  kind: ImportKindName;
  fileName: string | null;
  fileHash: string;
  format: 'csv' | 'xlsx';
  rowsTotal: number;
  rowsValid: number;
  rowsWithErrors: number;
  rowsAlreadyImported: number;
  /** Every error of every row, in file order: cells, schema and business rules together. */
  errors: RowError[];
}

@QueryHandler(CheckImportQuery)
export class CheckImportHandler implements IQueryHandler<CheckImportQuery, ImportDryRun> {
  constructor(private readonly imports: ImportService) {}

  async execute({ upload, actor }: CheckImportQuery): Promise<ImportDryRun> {
    const { fileHash, table, validation, badRows } = await this.imports.check(upload.kind, upload.content, domainActor(actor));
    return {
      dryRun: true,
      kind: upload.kind,
      fileName: upload.fileName,
      fileHash,
      format: table.format,
      rowsTotal: validation.rowsTotal,
      rowsValid: validation.planned.length,
      rowsWithErrors: badRows,
      rowsAlreadyImported: await this.imports.countWritten(validation.planned),
      errors: validation.errors,
    };
  }
}
