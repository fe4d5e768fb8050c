import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule } from '@lc/config';
import { readModelsModule } from '@lc/database';
import { EventStoreModule } from '@lc/event-store';
import { AccountsModule } from '@lc/accounts';
import { AlertsModule } from '@lc/alerts';
import { ClocksModule } from '@lc/clocks';
import { DisputesModule } from '@lc/disputes';
import { DocumentsModule } from '@lc/documents';
import { HealthModule, httpLoggerParams, IdempotencyInterceptor, NoUnknownQueryParametersInterceptor, ProblemDetailsFilter, RecordHeadersInterceptor } from '@lc/http';
import { ImportsModule } from '@lc/imports';
import { MediationsModule } from '@lc/mediations';
import { NotificationsModule } from '@lc/notifications';
import { queuesModule, RedisModule } from '@lc/redis';
import { ReportingModule } from '@lc/reporting';
import { FreshnessInterceptor, FreshnessModule } from '@lc/projections';
import { PersonalDataModule, PersonsModule } from '@lc/personal-data';
import { WorkloadModule } from '@lc/workload';
import { EvidenceModule } from '@lc/evidence';

@Module({})
export class ApiModule {
  /** Takes the config main.ts validated, so that tests can hand in their own. */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(httpLoggerParams(config, 'api')),
        EventStoreModule.forRoot(),
        PersonalDataModule,
        readModelsModule(),
        CqrsModule.forRoot(),
        queuesModule(),
        RedisModule,
        HealthModule,
        FreshnessModule,
        AccountsModule,
        DisputesModule,
        MediationsModule,
        DocumentsModule,
        AlertsModule,
        NotificationsModule,
        ClocksModule,
        ImportsModule,
        ReportingModule,
        PersonsModule,
        WorkloadModule,
        EvidenceModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: NoUnknownQueryParametersInterceptor },
        // Outside the idempotency replay, so a replayed answer carries its ETag and Location too.
        { provide: APP_INTERCEPTOR, useClass: RecordHeadersInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: FreshnessInterceptor },
      ],
    };
  }
}
