export * from './event-store.port';
export * from './event-store.module';
export { PostgresEventStore } from './postgres/postgres-event-store';
export * from './decide-and-append';
export * from './transforming/transforming-event-store';
export * from './unique-key-claim';
export { nextNumber, nextNumbers } from './counter-stream';
