import { DynamicModule, Global, Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@lc/decider';
import { AppConfig, APP_CONFIG, loadConfig } from './config';

/**
 * What the process takes from outside: its validated configuration, and the time. Tests override
 * CLOCK with a ManualClock to move time instead of sleeping.
 */
@Global()
@Module({})
export class ConfigModule {
  /** Validated once by the caller (main.ts) so that a bad variable stops the process before Nest starts. */
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: systemClock },
      ],
      exports: [APP_CONFIG, CLOCK],
    };
  }
}
