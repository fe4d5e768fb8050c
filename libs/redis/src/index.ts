export * from './redis.module';
export * from './queues.module';
export * from './recurring-jobs';
