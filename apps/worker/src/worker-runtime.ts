/*
 * What the worker's commands other than `migrate` need: Nest, the worker's module graph (every
 * context), the projections and the demo. main.ts loads this lazily, so that `migrate` (run by
 * `npm start` before the API and the worker start) loads only the config and the database.
 */
export { NestFactory } from '@nestjs/core';
export { Logger } from 'nestjs-pino';
export { runDemoCli } from '@lc/demo';
export { ProjectionRegistry, rebuildProjection } from '@lc/projections';
export { WorkerModule } from './worker.module';
