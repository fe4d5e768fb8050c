import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { Logger } from 'nestjs-pino';
import { accountDecider, accountStream, usernameStream } from '@lc/accounts';
import { AppConfig } from '@lc/config';
import { ensureDatabase, runMigrations } from '@lc/database';
import { migrations } from '@lc/migrations';
import { Actor } from '@lc/decider';
import { EVENT_STORE, EventStore, loadState } from '@lc/event-store';
import { DemoModule } from './demo.module';
import { AlertFigures, alertFiguresFromEvents, figuresFromEvents, readStreams, wanYuan, YearFigures } from './figures';
import { planDemoYear, recordStreams } from './plan';
import { PlayClock } from './play/schedule';
import { assertEmptyForDemo, DatabaseNotEmptyError, runDemoPlan } from './run';
import { REPORT_2022, scaledTargets } from './targets';

export const DEMO_USAGE = `usage: worker demo --year <YYYY> [--seed <n>] [--scale <factor>] [--password <demo accounts' password>]
  Fills an EMPTY database with a year of disputes, complaints and mediations whose annual figures
  are those of the federation's 2022 report (677 disputes, 2116.67万元, 4 group disputes, 243
  complaints, 1076 mediations with 1088万多元); --scale 0.1 makes a tenth of it. Same seed, same year.`;

export interface DemoArguments {
  year: number;
  seed: number;
  scale: number;
  password?: string;
}

export class DemoUsageError extends Error {}

export function parseDemoArguments(args: string[], now = new Date()): DemoArguments {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const match = /^--(year|seed|scale|password)(?:=(.*))?$/.exec(args[i]);
    if (!match) throw new DemoUsageError(`unknown argument ${args[i]}`);
    const value = match[2] ?? args[++i];
    if (value === undefined) throw new DemoUsageError(`--${match[1]} needs a value`);
    values.set(match[1], value);
  }
  const year = Number(values.get('year'));
  if (!values.has('year') || !Number.isInteger(year)) throw new DemoUsageError('--year is required, e.g. --year 2022');
  // A year of history must be over: its last action is on 31 December.
  if (year < 2000 || year >= now.getUTCFullYear()) throw new DemoUsageError(`--year must be a past year from 2000 on (not ${year})`);
  const seed = Number(values.get('seed') ?? 1);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new DemoUsageError('--seed must be a whole number');
  const scale = Number(values.get('scale') ?? 1);
  if (!(scale > 0 && scale <= 10)) throw new DemoUsageError('--scale must be a number above 0, at most 10');
  const password = values.get('password');
  if (password !== undefined && password.length < 10) throw new DemoUsageError('--password must be at least 10 characters');
  return { year, seed, scale, password };
}

const yuan = (fen: number) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function describeFigures(year: number, figures: YearFigures, alerts?: AlertFigures): string[] {
  return [
    `  disputes resolved in ${year}         ${figures.disputesResolved}`,
    `  recovered for workers            ${yuan(figures.amountRecoveredFen)} yuan (${wanYuan(figures.amountRecoveredFen)}万元)`,
    `  group disputes (30+ workers)     ${figures.groupDisputesResolved}`,
    `  complaints handled               ${figures.complaintsHandled}`,
    `  mediations concluded             ${figures.mediationsConcluded}, agreed ${yuan(figures.mediationAgreedFen)} yuan (${wanYuan(figures.mediationAgreedFen)}万元)`,
    ...(alerts
      ? [
          `  alerts from informants           ${alerts.submitted} (red ${alerts.red}, yellow ${alerts.yellow}, green ${alerts.green}), ${alerts.escalated} escalated, ${alerts.convertedToCases} turned into cases`,
          `  informants                       ${alerts.informantsActive}, ${alerts.informantsReportedOnline} of them reported online`,
        ]
      : []),
  ];
}

/** The administrator's account, who creates the demo's accounts; the system when there is none. */
async function administrator(store: EventStore, username: string): Promise<Actor> {
  const [claim] = await store.readStream(usernameStream(username), { maxCount: 1 });
  if (!claim) return { id: 'system', role: 'system' };
  const accountId = (claim.data as { accountId: string }).accountId;
  const { state } = await loadState(store, accountDecider, accountStream(accountId));
  return state.exists && state.role === 'admin' ? { id: accountId, role: 'admin' } : { id: 'system', role: 'system' };
}

/**
 * `worker demo --year 2022 [--seed 7]`: migrates, refuses a database that holds records, plans the
 * year, plays it through the command handlers, checks the year's figures against the event log,
 * and prints them with the demo accounts. Answers the process's exit code.
 */
export async function runDemoCli(
  config: AppConfig,
  args: string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  let options: DemoArguments;
  try {
    options = parseDemoArguments(args);
  } catch (error) {
    if (!(error instanceof DemoUsageError)) throw error;
    err.write(`${error.message}\n${DEMO_USAGE}\n`);
    return 2;
  }
  await ensureDatabase(config.DATABASE_URL);
  await runMigrations(config.DATABASE_URL, migrations);

  // Until the accounts are made the clock shows the real time (the first admin, if created now, is created today).
  const clock = new PlayClock(new Date());
  // The run prints its own summary; the process's info lines (modules starting) would only bury it.
  const quiet: AppConfig = { ...config, LOG_LEVEL: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL };
  const app = await NestFactory.createApplicationContext(DemoModule.forRoot(quiet, clock), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  try {
    await app.init();
    const store = app.get<EventStore>(EVENT_STORE);
    try {
      await assertEmptyForDemo(store);
    } catch (error) {
      if (!(error instanceof DatabaseNotEmptyError)) throw error;
      err.write(`${error.message}\n`);
      return 1;
    }
    const targets = options.scale === 1 ? REPORT_2022 : scaledTargets(options.scale);
    const plan = planDemoYear({ year: options.year, seed: options.seed, targets });
    const password = options.password ?? `demo-${randomBytes(6).toString('base64url')}`;
    out.write(`Demo year ${options.year} (seed ${options.seed}${options.scale === 1 ? '' : `, scale ${options.scale}`}): ${plan.actions.length} actions by ${plan.staff.length} accounts...\n`);
    const run = await runDemoPlan(plan, {
      commands: app.get(CommandBus),
      store,
      clock,
      createdBy: await administrator(store, config.ADMIN_USERNAME),
      password,
      log: (message) => out.write(`  ${message}\n`),
    });

    const events = await readStreams(store, recordStreams(plan));
    const figures = figuresFromEvents(events, options.year);
    const exact = (Object.keys(plan.targets) as Array<keyof YearFigures>).every((k) => figures[k] === plan.targets[k]);
    out.write(
      [
        `Done: ${run.commands} commands in ${(run.elapsedMs / 1000).toFixed(1)} s${run.retries ? ` (${run.retries} retried after a concurrent append)` : ''}.`,
        `The year's figures, summed from the event log:`,
        ...describeFigures(options.year, figures, alertFiguresFromEvents(events, options.year)),
        exact ? '  = the targets, exactly.' : `  DIFFER from the targets: ${JSON.stringify(plan.targets)}`,
        '',
        `Demo accounts (password ${password}):`,
        `  mediators   ${run.accounts.filter((a) => a.role === 'mediator').map((a) => a.username).join(', ')}`,
        `  supervisors ${run.accounts.filter((a) => a.role === 'supervisor').map((a) => a.username).join(', ')}`,
        `  informants  ${plan.informants.length}, ${plan.informants.slice(0, 3).map((i) => i.username).join(', ')}, ... (<sub-district>-informant-<nn>)`,
        '',
        `Start the worker (npm start) to build the read models from these events, then e.g.`,
        `  GET /api/v1/reports/annual?year=${options.year}`,
        '',
      ].join('\n'),
    );
    return exact ? 0 : 1;
  } finally {
    await app.close();
  }
}
