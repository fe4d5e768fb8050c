import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@lc/decider';
import { ImportRecords, ImportStatus } from '../import-records';
import { GetImportQuery } from './get-import.query';

@QueryHandler(GetImportQuery)
export class GetImportHandler implements IQueryHandler<GetImportQuery, ImportStatus> {
  constructor(private readonly records: ImportRecords) {}

  async execute({ importId }: GetImportQuery): Promise<ImportStatus> {
    const status = await this.records.status(importId);
    if (!status) throw new DomainError('not_found', 'No such import');
    return status;
  }
}
