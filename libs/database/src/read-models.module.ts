import { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, APP_CONFIG } from '@lc/config';
import { dataSourceOptions } from './data-source';
import { clientClass } from './prepared-statements';

/**
 * The read models' TypeORM connection, as every process opens it. Schema changes only through
 * migrations, which each main.ts runs before Nest starts (under runMigrations' advisory lock).
 */
export function readModelsModule(): DynamicModule {
  return TypeOrmModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => ({
      ...dataSourceOptions(config.DATABASE_URL, {
        extra: { max: config.DATABASE_POOL_SIZE, Client: clientClass(config.DATABASE_PREPARED_STATEMENTS) },
      }),
      autoLoadEntities: true,
      synchronize: false,
      migrationsRun: false,
    }),
  });
}
