import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { AccountsProjectionModule } from '@lc/accounts';
import { alertPickupDeadline, AlertsProjectionModule } from '@lc/alerts';
import { AuditTrailModule } from '@lc/audit-trail';
import { ClocksWorkerModule } from '@lc/clocks';
import { AppConfig, ConfigModule } from '@lc/config';
import { readModelsModule } from '@lc/database';
import { disputeDeadlines, DisputesProjectionModule } from '@lc/disputes';
import { EventStoreModule } from '@lc/event-store';
import { IdempotencyKeyRetentionModule, processLoggerParams } from '@lc/http';
import { ImportsWorkerModule } from '@lc/imports';
import { mediationDeadlines, MediationsProjectionModule } from '@lc/mediations';
import { NotificationsProjectionModule } from '@lc/notifications';
import { ProjectionsModule } from '@lc/projections';
import { ReportingWorkerModule } from '@lc/reporting';
import { queuesModule, QueuesOptions } from '@lc/redis';
import { PersonalDataModule, PersonErasuresModule } from '@lc/personal-data';
import { EvidenceWorkerModule } from '@lc/evidence';

@Module({})
export class WorkerModule {
  /** `workJobs: false` for one-off commands (a rebuild): the projections, without taking queued jobs. */
  static forRoot(config: AppConfig, options: QueuesOptions = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(processLoggerParams(config, 'worker')),
        EventStoreModule.forRoot(),
        PersonalDataModule,
        readModelsModule(),
        CqrsModule.forRoot(),
        queuesModule(options),
        ProjectionsModule,
        // Every module with a @RegisterProjection() provider: the worker runs those projections.
        AuditTrailModule,
        AccountsProjectionModule,
        DisputesProjectionModule,
        MediationsProjectionModule,
        AlertsProjectionModule,
        NotificationsProjectionModule,
        // The statutory clocks: their projection, delayed jobs and reconciliation; a job sends the record's context its command.
        ClocksWorkerModule.forRoot([disputeDeadlines, mediationDeadlines, alertPickupDeadline]),
        // Imports of past years' spreadsheets, queued by the API.
        ImportsWorkerModule,
        // The statistics projection and the monthly report's job scheduler.
        ReportingWorkerModule,
        // Idempotency-Keys past IDEMPOTENCY_KEY_RETENTION_DAYS are deleted hourly.
        IdempotencyKeyRetentionModule,
        // Every recorded erasure has its key destroyed.
        PersonErasuresModule,
        // Evidence of an erased person goes with them; removed files' bytes are deleted.
        EvidenceWorkerModule,
      ],
    };
  }
}
