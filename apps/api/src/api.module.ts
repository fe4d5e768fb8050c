import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, APP_CONFIG, ConfigModule } from '@lc/config';
import { dataSourceOptions } from '@lc/database';
import { EventStoreModule } from '@lc/event-store';
import { AccountsModule } from '@lc/accounts';
import { AlertsModule } from '@lc/alerts';
import { ClocksModule } from '@lc/clocks';
import { DisputesModule } from '@lc/disputes';
import { HealthModule, httpLoggerParams, IdempotencyInterceptor, ProblemDetailsFilter } from '@lc/http';
import { ImportsModule } from '@lc/imports';
import { MediationsModule } from '@lc/mediations';
import { NotificationsModule } from '@lc/notifications';
import { RedisModule } from '@lc/redis';
import { ReportingModule } from '@lc/reporting';

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
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (c: AppConfig) => ({
            ...dataSourceOptions(c.DATABASE_URL, { extra: { max: c.DATABASE_POOL_SIZE } }),
            autoLoadEntities: true,
            synchronize: false,
            // main.ts migrates before Nest starts, under the advisory lock of runMigrations.
            migrationsRun: false,
          }),
        }),
        CqrsModule.forRoot(),
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (c: AppConfig) => ({ connection: { url: c.REDIS_URL }, prefix: c.QUEUE_PREFIX }),
        }),
        RedisModule,
        HealthModule,
        AccountsModule,
        DisputesModule,
        MediationsModule,
        AlertsModule,
        NotificationsModule,
        ClocksModule,
        ImportsModule,
        ReportingModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
