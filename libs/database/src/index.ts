export * from './connection';
export * from './data-source';
export * from './read-models.module';
export * from './transformers';
export * from './without-flush';
export * from './prepared-statements';
export * from './keyed-reads';
