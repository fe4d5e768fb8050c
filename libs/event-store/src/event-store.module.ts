import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '@lc/config';
import { clientClass, withDefaultUser } from '@lc/database';
import { EVENT_STORE, EventStore } from './event-store.port';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { EVENT_DATA_TRANSFORMER, EventDataTransformer, TransformingEventStore } from './transforming/transforming-event-store';

/** Builds the adapter that EVENT_STORE (and KURRENTDB_CONNECTION_STRING) select. */
export function createEventStore(config: AppConfig): EventStore {
  if (config.EVENT_STORE === 'kurrentdb') {
    // Loaded on demand: the gRPC client is heavy, and PostgreSQL deployments never need it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { KurrentDbEventStore } = require('./kurrentdb/kurrentdb-event-store') as typeof import('./kurrentdb/kurrentdb-event-store');
    return new KurrentDbEventStore({ connectionString: config.KURRENTDB_CONNECTION_STRING! });
  }
  return new PostgresEventStore({
    pool: {
      connectionString: withDefaultUser(config.DATABASE_URL),
      max: config.DATABASE_POOL_SIZE,
      Client: clientClass(config.DATABASE_PREPARED_STATEMENTS),
    },
  });
}

class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

@Global()
@Module({})
export class EventStoreModule {
  static forRoot(): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: EVENT_STORE,
          // Required, not optional: a process that forgot the personal-data protection (PersonalDataModule)
          // fails to start instead of writing names and ID numbers in clear.
          inject: [APP_CONFIG, EVENT_DATA_TRANSFORMER],
          useFactory: (config: AppConfig, transformer: EventDataTransformer) => new TransformingEventStore(createEventStore(config), transformer),
        },
        EventStoreLifecycle,
      ],
      exports: [EVENT_STORE],
    };
  }
}
