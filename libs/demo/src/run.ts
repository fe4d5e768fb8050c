import { CommandBus } from '@nestjs/cqrs';
import { RISK_WEIGHTS_STREAM_PREFIX } from '@lc/alerts';
import { Actor } from '@lc/decider';
import { ConcurrencyError, EventStore } from '@lc/event-store';
import { AuthenticatedActor } from '@lc/access';
import * as C from './commands';
import { DemoPlan, TimedAction } from './plan';
import { alertActions } from './play/alerts';
import { disputeActions } from './play/disputes';
import { mediationActions } from './play/mediations';
import { PlayClock, Slots, waitsOf } from './play/schedule';
import { MINUTE, Play } from './play/play';

/** Streams of the records a demo writes: a database holding any of them is not empty. */
export const RECORD_STREAM_PREFIXES = ['dispute-', 'complaint-', 'mediation-', 'alert-', 'informant-', 'case-numbers-'];

export class DatabaseNotEmptyError extends Error {
  constructor(streamId: string) {
    super(
      `The database already holds records (for one, ${streamId}): the demo fills an empty database only, ` +
        'so that its figures are exactly the totals of the year. Point DATABASE_URL at a new database ' +
        '(e.g. postgres://localhost:5432/labour_cases_demo; it is created if missing) and run it again.',
    );
    this.name = 'DatabaseNotEmptyError';
  }
}

/**
 * Refuses a database with any dispute, complaint, mediation, alert or informant in it, or with
 * risk weights of its own (the plan grades alerts by the defaults). Accounts do not count.
 */
export async function assertEmptyForDemo(store: EventStore): Promise<void> {
  const [found] = await store.readAll({ maxCount: 1, filter: { streamPrefixes: [...RECORD_STREAM_PREFIXES, RISK_WEIGHTS_STREAM_PREFIX] } });
  if (found) throw new DatabaseNotEmptyError(found.streamId);
}

export interface DemoDependencies {
  commands: CommandBus;
  store: EventStore;
  /** The clock the command handlers read: each action runs at its own instant. */
  clock: PlayClock;
  /** Who creates the demo's accounts (the administrator). */
  createdBy: Actor;
  /** The password of every demo account. */
  password: string;
  log?: (message: string) => void;
}

export interface DemoRun {
  accounts: Array<{ username: string; role: string; subDistrict: string | null; displayName: string }>;
  commands: number;
  retries: number;
  elapsedMs: number;
}

const MAX_ATTEMPTS = 5;
/**
 * Actions in flight at once: enough that appends share commits (the demo year, alternating on the
 * bench machine: 64, 128 and 256 in flight played its commands in 9.6-10.3, 8.9 and 9.5 s).
 */
const PLAYING = 128;

/**
 * Plays the plan through the command side: the accounts first, then every action in the year's
 * order, each sent on the CommandBus by the account the plan names (a mediator, a supervisor) with
 * the clock set to its instant, exactly as the API would send it. Idempotency keys derive from
 * the year, the seed and the action, so ids are the same on every run with the same seed.
 */
export async function runDemoPlan(plan: DemoPlan, deps: DemoDependencies): Promise<DemoRun> {
  const started = Date.now();
  const log = deps.log ?? (() => undefined);
  await assertEmptyForDemo(deps.store);
  const keyPrefix = `demo-${plan.year}-${plan.seed}`;
  let retries = 0;

  const execute = async <T>(command: object): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await deps.commands.execute(command as never);
      } catch (error) {
        // Another writer (a statutory clock firing in a running worker) appended to the stream
        // between our read and our append: read again and decide again, as a client would retry.
        if (error instanceof ConcurrencyError && attempt < MAX_ATTEMPTS) {
          retries++;
          continue;
        }
        throw error;
      }
    }
  };

  // The accounts, created by the administrator in the last days of the year before, three minutes
  // apart; side by side, as the handlers allow (each account is a stream of its own).
  const firstAccountAt = new Date(`${plan.year - 1}-12-20T09:00:00+08:00`).getTime();
  const actors = new Map<string, AuthenticatedActor>();
  const created = await Promise.all(
    plan.staff.map((member, i) =>
      deps.clock.at(new Date(firstAccountAt + i * 3 * MINUTE), () =>
        execute<{ id: string }>(
          new C.CreateAccountCommand(
            { username: member.username, password: deps.password, role: member.role, subDistrict: member.subDistrict ?? undefined, displayName: member.displayName },
            { actor: deps.createdBy, idempotencyKey: `${keyPrefix}-account-${member.username}` },
          ),
        ),
      ),
    ),
  );
  plan.staff.forEach((member, i) => actors.set(member.key, { id: created[i].id, username: member.username, role: member.role, subDistrict: member.subDistrict }));
  deps.clock.set(new Date(firstAccountAt + plan.staff.length * 3 * MINUTE));
  log(`created ${plan.staff.length} accounts`);

  const total = plan.actions.length;
  let done = 0;
  const play = async (action: TimedAction): Promise<void> => {
    const actor = actors.get(action.actor);
    if (!actor) throw new Error(`the plan names an unknown account ${action.actor}`);
    try {
      const at = new Date(action.at);
      await deps.clock.at(at, () => perform(action, { meta: { actor, idempotencyKey: `${keyPrefix}-${action.seq}` }, at, actors, password: deps.password, execute }));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`demo action #${action.seq} (${action.type} at ${new Date(action.at).toISOString()}) failed: ${message}`, { cause: error });
    }
    if (++done % 2000 === 0) log(`${done} of ${total} actions (${Math.round((Date.now() - started) / 1000)} s)`);
  };
  // Every action as soon as those it waits for are done (waitsOf), at most PLAYING at once, the
  // first failure stopping the rest.
  let failed = false;
  const waits = waitsOf(plan.actions);
  const finished: Promise<void>[] = [];
  const slots = new Slots(PLAYING);
  plan.actions.forEach((action, i) => {
    finished[i] = Promise.all(waits[i].map((w) => finished[w])).then(async () => {
      if (failed) return;
      await slots.run(() => (failed ? Promise.resolve() : play(action))).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    });
    finished[i].catch(() => undefined);
  });
  await Promise.all(finished);
  return {
    accounts: plan.staff.map((s) => ({ username: s.username, role: s.role, subDistrict: s.subDistrict, displayName: s.displayName })),
    commands: plan.staff.length + total,
    retries,
    elapsedMs: Date.now() - started,
  };
}

const actions = { ...disputeActions, ...mediationActions, ...alertActions };

function perform(action: TimedAction, play: Play): Promise<void> {
  return (actions[action.type] as (action: TimedAction, play: Play) => Promise<void>)(action, play);
}
