import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CaseNumberAllocator } from '@lc/disputes';
import { ImportsController } from './http/imports.controller';
import { ImportRecords } from './import-records';
import { ImportService } from './import-service';
import { ImportJobs, IMPORTS_QUEUE } from './job/import-jobs.processor';

/** The API side: upload (dry run or queued), templates, status. */
@Module({
  imports: [BullModule.registerQueue({ name: IMPORTS_QUEUE })],
  controllers: [ImportsController],
  providers: [ImportService, ImportRecords, CaseNumberAllocator],
})
export class ImportsModule {}

/** The worker side: the import jobs, which check the rows again and write them. */
@Module({
  imports: [BullModule.registerQueue({ name: IMPORTS_QUEUE })],
  providers: [ImportService, ImportRecords, CaseNumberAllocator, ImportJobs],
  exports: [ImportJobs],
})
export class ImportsWorkerModule {}
