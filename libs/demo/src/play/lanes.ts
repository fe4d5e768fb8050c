import { AsyncLocalStorage } from 'node:async_hooks';
import { ManualClock } from '@lc/decider';
import { TimedAction } from '../plan';

/**
 * The demo's clock. The year is played in lanes side by side (see lanesOf), each at its own
 * instant: inside `at(instant, work)` every handler that asks the clock gets that lane's instant;
 * outside any lane (the accounts, made first, one after another) the clock is set and moved as a
 * ManualClock.
 */
export class PlayClock extends ManualClock {
  private readonly lane = new AsyncLocalStorage<Date>();

  override now(): Date {
    const instant = this.lane.getStore();
    return instant ? new Date(instant.getTime()) : super.now();
  }

  at<T>(instant: Date, work: () => Promise<T>): Promise<T> {
    return this.lane.run(new Date(instant.getTime()), work);
  }
}

/** The sub-district whose records an action touches: every record of the plan belongs to one. */
export function laneOf(action: TimedAction): string {
  const touched = recordsOf(action).map((record) => record.subDistrict);
  if (touched.some((s) => s !== touched[0])) {
    // A conversion across sub-districts would need both lanes at once; the plan makes none.
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
      // The informant's registration runs in the lane of their sub-district, before their alerts.
      return [action.alert, action.alert.informant];
    case 'convertAlert':
      return [action.alert, action.dispute];
  }
}

/**
 * The plan's actions split by sub-district, each lane in the plan's order. Records of different
 * sub-districts share no stream (case numbers are counted per sub-district and year), so lanes
 * may run side by side and every stream still gets the same events in the same order, with the
 * same case numbers, on every run with the same seed; only their interleaving in the global log
 * differs. Played one after another, a year is bound by the round trips of one command at a time
 * (each append waits for its own commit); side by side, appends share commits.
 */
export function lanesOf(actions: TimedAction[]): TimedAction[][] {
  const lanes = new Map<string, TimedAction[]>();
  for (const action of actions) {
    const key = laneOf(action);
    const lane = lanes.get(key) ?? [];
    if (lane.length === 0) lanes.set(key, lane);
    lane.push(action);
  }
  return [...lanes.values()];
}
