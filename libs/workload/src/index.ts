export * from './workload.module';
export * from './workload.schemas';
