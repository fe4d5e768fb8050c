import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AppConfig, APP_CONFIG, decodeMasterKey } from '@lc/config';
import { EVENT_DATA_TRANSFORMER } from '@lc/event-store';
import { MasterKey } from './cipher';
import { ErasePersonHandler } from './erase-person/erase-person.handler';
import { PersonErasuresProjection } from './erasure.projection';
import { FindPersonsHandler, GetPersonHandler } from './find-persons/find-persons.handler';
import { ErasedTextInterceptor } from './http/erased-text.interceptor';
import { PersonsController } from './http/persons.controller';
import { PERSON_KEY_STORE, PersonKeyStore } from './person-key-store';
import { PersonalDataProtection } from './personal-data-protection';
import { PostgresPersonKeyStore, Query } from './postgres-person-key-store';

export const MASTER_KEY = Symbol('PERSONAL_DATA_MASTER_KEY');

/**
 * The protection of personal data in the event log, for every process that opens the event
 * store (API, worker, demo): EventStoreModule requires the EVENT_DATA_TRANSFORMER given here, so a
 * process without it does not start rather than write personal data in clear.
 */
@Global()
@Module({
  providers: [
    {
      provide: MASTER_KEY,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new MasterKey(decodeMasterKey(config.PERSONAL_DATA_MASTER_KEY)!),
    },
    {
      provide: PERSON_KEY_STORE,
      inject: [DataSource, MASTER_KEY],
      useFactory: (dataSource: DataSource, master: MasterKey) =>
        new PostgresPersonKeyStore(((sql: string, params?: unknown[]) => dataSource.query(sql, params)) as Query, master),
    },
    {
      provide: PersonalDataProtection,
      inject: [PERSON_KEY_STORE, MASTER_KEY, APP_CONFIG],
      useFactory: (store: PersonKeyStore, master: MasterKey, config: AppConfig) =>
        new PersonalDataProtection(store, master, { cacheSeconds: config.PERSONAL_DATA_KEY_CACHE_SECONDS }),
    },
    { provide: EVENT_DATA_TRANSFORMER, useExisting: PersonalDataProtection },
  ],
  exports: [MASTER_KEY, PERSON_KEY_STORE, PersonalDataProtection, EVENT_DATA_TRANSFORMER],
})
export class PersonalDataModule {}

/** The API side: finding persons and erasing them (admins), and "erased" for clients that read English. */
@Module({
  imports: [CqrsModule],
  controllers: [PersonsController],
  providers: [ErasePersonHandler, FindPersonsHandler, GetPersonHandler, { provide: APP_INTERCEPTOR, useClass: ErasedTextInterceptor }],
})
export class PersonsModule {}

/** The worker side: every recorded erasure has its key destroyed. */
@Module({
  providers: [PersonErasuresProjection],
})
export class PersonErasuresModule {}
