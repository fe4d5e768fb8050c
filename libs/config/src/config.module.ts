import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, APP_CONFIG, loadConfig } from './config';

@Global()
@Module({})
export class ConfigModule {
  /** Validated once by the caller (main.ts) so that a bad variable stops the process before Nest starts. */
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}
