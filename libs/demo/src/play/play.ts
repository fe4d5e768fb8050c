import { AuthenticatedActor, CommandMeta } from '@lc/access';
import { PlannedAction, TimedAction } from '../plan';

/** What playing one planned action needs: who does it, when, with which key, and the bus. */
export interface Play {
  /**
   * Who does it and the action's Idempotency-Key (from the year, the seed and the action's place
   * in the plan), as its command carries them; the demo sends no If-Match.
   */
  meta: CommandMeta;
  at: Date;
  /** Every account of the demo by its key in the plan (informants join as they are registered). */
  actors: Map<string, AuthenticatedActor>;
  password: string;
  execute: <T>(command: object) => Promise<T>;
}

/** One function per kind of planned action: the command a user would send for it. */
export type Actions<K extends PlannedAction['type']> = { [T in K]: (action: Extract<TimedAction, { type: T }>, play: Play) => Promise<void> };

export function idOf(record: { id?: string }, what: string): string {
  if (!record.id) throw new Error(`${what} has no id yet: the plan runs an action before the record exists`);
  return record.id;
}

export const MINUTE = 60_000;
