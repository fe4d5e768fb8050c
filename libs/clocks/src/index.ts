export * from './clock-rules';
export * from './clock-scheduler';
export * from './clock-jobs.processor';
export * from './clocks.module';
