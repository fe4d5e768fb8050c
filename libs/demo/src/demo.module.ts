import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { AccountsModule } from '@lc/accounts';
import { AlertsModule } from '@lc/alerts';
import { AppConfig, APP_CONFIG, ConfigModule } from '@lc/config';
import { readModelsModule } from '@lc/database';
import { CLOCK } from '@lc/decider';
import { OncePerPasswordHasher } from './once-per-password-hasher';
import { PlayClock } from './play/schedule';
import { DisputesModule } from '@lc/disputes';
import { EventStoreModule } from '@lc/event-store';
import { processLoggerParams } from '@lc/http';
import { MediationsModule } from '@lc/mediations';
import { PersonalDataModule } from '@lc/personal-data';
import { RedisModule } from '@lc/redis';

/**
 * The command side as the API has it (the same handlers on the CommandBus), without HTTP and
 * without projections, on a clock the demo moves through the year. The worker builds the read
 * models from the events afterwards, as it does for any events.
 */
@Module({})
export class DemoModule {
  static forRoot(config: AppConfig, clock: PlayClock): DynamicModule {
    return {
      module: DemoModule,
      imports: [
        // ConfigModule's providers, with the demo's clock in place of the system's.
        {
          module: ConfigModule,
          global: true,
          providers: [
            { provide: APP_CONFIG, useValue: config },
            { provide: CLOCK, useValue: clock },
          ],
          exports: [APP_CONFIG, CLOCK],
        },
        LoggerModule.forRoot(processLoggerParams(config, 'demo')),
        EventStoreModule.forRoot(),
        PersonalDataModule,
        readModelsModule(),
        CqrsModule.forRoot(),
        RedisModule,
        AccountsModule.withPasswordHasher(new OncePerPasswordHasher()),
        DisputesModule,
        MediationsModule,
        AlertsModule,
      ],
    };
  }
}
