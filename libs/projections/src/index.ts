export * from './projection';
export * from './projection-runner';
export * from './projection-locks';
export * from './projections.module';
export * from './statement-batch';
export * from './row-writes';
export * from './row-fold';
export * from './freshness';
