import { AsyncLocalStorage } from 'node:async_hooks';
import { ManualClock } from '@lc/decider';
import { TimedAction } from '../plan';

/**
 * The demo's clock. The year's actions are played side by side (see waitsOf), each at its own
 * instant: inside `at(instant, work)` every handler that asks the clock gets that action's
 * instant; outside any action (the accounts, made first) the clock is set and moved as a
 * ManualClock.
 */
export class PlayClock extends ManualClock {
  private readonly instants = new AsyncLocalStorage<Date>();

  override now(): Date {
    const instant = this.instants.getStore();
    return instant ? new Date(instant.getTime()) : super.now();
  }

  at<T>(instant: Date, work: () => Promise<T>): Promise<T> {
    return this.instants.run(new Date(instant.getTime()), work);
  }
}

/** The sub-district whose records an action touches: every record of the plan belongs to one. */
export function subDistrictOf(action: TimedAction): string {
  const touched = recordsOf(action).map((record) => record.subDistrict);
  if (touched.some((s) => s !== touched[0])) {
    // The plan keeps every action within one sub-district: across two, whose case counter it waits for would be unclear.
    throw new Error(`demo action #${action.seq} (${action.type}) touches records of ${[...new Set(touched)].join(' and ')}`);
  }
  return touched[0];
}

function recordsOf(action: TimedAction): Array<{ subDistrict: string }> {
  switch (action.type) {
    case 'openDispute':
    case 'assignDispute':
    case 'logStep':
    case 'changeWorkers':
    case 'recordRecovery':
    case 'resolveDispute':
    case 'reopenDispute':
      return [action.dispute];
    case 'receiveComplaint':
    case 'handleComplaint':
      return [action.complaint];
    case 'convertComplaint':
      return [action.complaint, action.dispute];
    case 'referMediation':
    case 'assignMediation':
    case 'holdSession':
    case 'extendMediation':
    case 'endMediation':
    case 'judicialConfirmation':
      return [action.mediation];
    case 'registerInformant':
      return [action.informant];
    case 'submitAlert':
    case 'triageAlert':
      // The informant's registration comes first: their account, which submits the alert, is made then.
      return [action.alert, action.alert.informant];
    case 'convertAlert':
      return [action.alert, action.dispute];
  }
}

/** Actions that give a new dispute case its number: per sub-district, in the plan's order. */
const NUMBERING: ReadonlySet<TimedAction['type']> = new Set(['openDispute', 'convertComplaint', 'convertAlert']);

/**
 * What each action of the plan waits for (its places in the plan, all before its own): the action
 * before it on each record it touches, and, for an action that numbers a case, the one before it
 * that numbered a case of the same sub-district (case numbers are counted per sub-district and
 * year). Everything else may run side by side: every stream still gets the same events in the
 * same order, and every case the same number, on every run with the same seed; only their
 * interleaving in the global log differs. Side by side, appends share commits: played in 11 lanes
 * (each sub-district's actions one after another), the year's commands took 15-17 s where these
 * waits take 9 (alternating runs on the bench machine).
 */
export function waitsOf(actions: TimedAction[]): number[][] {
  const lastOnRecord = new Map<object, number>();
  const lastNumbering = new Map<string, number>();
  return actions.map((action, i) => {
    const waits = new Set<number>();
    for (const record of recordsOf(action)) {
      const before = lastOnRecord.get(record);
      if (before !== undefined) waits.add(before);
      lastOnRecord.set(record, i);
    }
    if (NUMBERING.has(action.type)) {
      const counter = subDistrictOf(action);
      const before = lastNumbering.get(counter);
      if (before !== undefined) waits.add(before);
      lastNumbering.set(counter, i);
    }
    return [...waits];
  });
}

/** At most `size` tasks at a time; the others wait their turn, first come first served. */
export class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.free = size;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      // The slot goes straight to the next waiting task, if any.
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}
