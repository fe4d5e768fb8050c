import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseNumberAllocator } from '@lc/disputes';
import { CheckImportHandler } from './check-import/check-import.handler';
import { GetImportHandler } from './get-import/get-import.handler';
import { GetImportTemplateHandler } from './get-import-template/get-import-template.handler';
import { ImportsController } from './http/imports.controller';
import { ImportRecords } from './import-records';
import { ImportService } from './import-service';
import { ImportJobs, IMPORTS_QUEUE } from './job/import-jobs.processor';
import { StartImportHandler } from './start-import/start-import.handler';

/** The API side: upload (dry run or queued), templates, status. */
@Module({
  imports: [CqrsModule, BullModule.registerQueue({ name: IMPORTS_QUEUE })],
  controllers: [ImportsController],
  providers: [ImportService, ImportRecords, CaseNumberAllocator, CheckImportHandler, StartImportHandler, GetImportHandler, GetImportTemplateHandler],
})
export class ImportsModule {}

/** The worker side: the import jobs, which check the rows again and write them. */
@Module({
  imports: [BullModule.registerQueue({ name: IMPORTS_QUEUE })],
  providers: [ImportService, ImportRecords, CaseNumberAllocator, ImportJobs],
  exports: [ImportJobs],
})
export class ImportsWorkerModule {}
