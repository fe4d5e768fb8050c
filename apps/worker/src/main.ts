import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import pino from 'pino';
import { AppConfig, loadConfigOrExit } from '@lc/config';
import { ensureDatabase, runMigrations } from '@lc/database';
import { pinoOptions } from '@lc/http';
import type { QueuesOptions } from '@lc/redis';
import { migrations } from '@lc/migrations';

// Nest, the worker's module graph, the projections and the demo are loaded by the commands that
// use them, not by `migrate`: `npm start` runs it before starting the API and the worker, and
// loading every context there only to apply no migration was half of its time. (A relative path:
// the build rewrites the @lc/ aliases of static imports only.)
const runtime = () => import('./worker-runtime');

const USAGE = `usage: worker                      run the worker (projections, queues) until SIGTERM/SIGINT
       worker migrate              apply pending database migrations and exit
       worker rebuild <projection> rebuild one projection from the event store and exit
       worker rebuild --all        rebuild every read model in one pass over the log and exit
       worker demo --year <YYYY> [--seed <n>] [--scale <f>]
                                   fill an empty database with a demo year (the 2022 report's figures) and exit`;

const SHUTDOWN_GRACE_MS = 30_000;

async function migrate(config: AppConfig, log: pino.Logger): Promise<void> {
  await ensureDatabase(config.DATABASE_URL);
  const applied = await runMigrations(config.DATABASE_URL, migrations);
  log.info({ applied }, applied.length ? 'Migrations applied' : 'Database schema up to date');
}

async function createContext(config: AppConfig, options: QueuesOptions = {}): Promise<INestApplicationContext> {
  const { NestFactory, Logger, WorkerModule } = await runtime();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, options), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  return app;
}

async function run(config: AppConfig, log: pino.Logger): Promise<void> {
  if (config.MIGRATIONS_RUN) await migrate(config, log);
  const app = await createContext(config);
  // process.exit rather than re-raising the signal: pino flushes, and supervisors see exit code 0.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'Worker stopping');
      setTimeout(() => {
        log.error(`Shutdown took longer than ${SHUTDOWN_GRACE_MS} ms; exiting`);
        process.exit(1);
      }, SHUTDOWN_GRACE_MS).unref();
    });
  }
  await app.init();
  // Each runner works only while it holds its projection's advisory lock; on the other workers
  // it stands by.
  const { ProjectionRegistry } = await runtime();
  app.get(ProjectionRegistry).startAll();
  // With no projection or queue consumer registered nothing would hold the event loop open; the
  // worker still has to stay up until it is told to stop.
  setInterval(() => undefined, 1 << 30);
  log.info('Worker running');
}

async function rebuild(config: AppConfig, log: pino.Logger, name: string | undefined): Promise<void> {
  if (!name) throw new UsageError('rebuild needs the name of a projection');
  if (config.MIGRATIONS_RUN) await migrate(config, log);
  // The running workers take the queued jobs; a report made here would read read models being rebuilt.
  const app = await createContext(config, { workJobs: false });
  const { rebuildProjection } = await runtime();
  try {
    await rebuildProjection(app, name);
    log.info({ projection: name }, 'Projection rebuilt');
  } finally {
    await app.close();
  }
}

class UsageError extends Error {}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = pino(pinoOptions(config, 'worker'));
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'Unhandled promise rejection'));
  const [command, ...args] = process.argv.slice(2);
  try {
    switch (command) {
      case undefined:
        return await run(config, log);
      case 'migrate':
        await migrate(config, log);
        return process.exit(0);
      case 'rebuild':
        await rebuild(config, log, args[0]);
        return process.exit(0);
      case 'demo':
        return process.exit(await (await runtime()).runDemoCli(config, args));
      default:
        throw new UsageError(`unknown command: ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
    } else {
      log.fatal({ err: error, command: command ?? 'run' }, 'Worker failed');
    }
    process.exit(1);
  }
}

void main();
