export * from './targets';
export * from './plan';
export * from './run';
export * from './figures';
export * from './demo.module';
export * from './demo-cli';
