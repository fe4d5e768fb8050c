import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import pino from 'pino';
import { loadConfig, loadConfigOrExit } from '@lc/config';
import { ensureDatabase, runMigrations } from '@lc/database';
import { pinoOptions } from '@lc/http';
import { migrations } from '@lc/migrations';
import { ApiModule } from './api.module';
import { configureApi } from './configure-api';
import { buildOpenApiDocument } from './openapi-document';

const SHUTDOWN_GRACE_MS = 15_000;

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const log = pino(pinoOptions(config, 'api'));
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'Unhandled promise rejection'));
  if (config.JWT_SECRET_GENERATED) {
    log.warn(
      'JWT_SECRET is not set: signing tokens with a random secret made at start. Sessions end when the API restarts, ' +
        'and several API replicas would not accept each other\'s tokens: set JWT_SECRET for anything but a trial.',
    );
  }

  if (config.MIGRATIONS_RUN) {
    await ensureDatabase(config.DATABASE_URL);
    const applied = await runMigrations(config.DATABASE_URL, migrations);
    log.info({ applied }, applied.length ? 'Migrations applied' : 'Database schema up to date');
  }

  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  configureApi(app, config);
  // process.exit rather than re-raising the signal: pino flushes, and supervisors see exit code 0.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'API stopping');
      setTimeout(() => {
        log.error(`Shutdown took longer than ${SHUTDOWN_GRACE_MS} ms; exiting`);
        process.exit(1);
      }, SHUTDOWN_GRACE_MS).unref();
    });
  }

  await app.listen(config.PORT);
  log.info({ port: config.PORT }, 'API listening');
}

/**
 * `main.js openapi`: print the OpenAPI document and exit, touching no database (npm run web:api).
 * Built from the defaults, not the environment: the document must not depend on where it is made.
 */
async function printOpenApiDocument(): Promise<void> {
  const document = await buildOpenApiDocument(loadConfig({ NODE_ENV: 'development' }));
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`, () => process.exit(0));
}

(process.argv[2] === 'openapi' ? printOpenApiDocument() : bootstrap()).catch((error: unknown) => {
  process.stderr.write(`API failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
