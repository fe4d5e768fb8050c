import { Actor, DomainEvent } from './decider';
import { FieldError, ValidationFailedError } from './domain-error';

/*
 * The statutory clocks (libs/clocks) derive a record's deadlines from its events; when a reminder
 * or a deadline comes, they send the record's own context a command, and its decider notes it on
 * the record's stream. Dispute cases and court-referred mediations note both alike, with these
 * commands and events; an alert's missed pick-up is an escalation of its own (EscalateAlert).
 */

/** A clock's deadline as the record's stream notes it. */
export interface DeadlineMark {
  /** The kind of clock (libs/clocks CLOCK_KINDS), e.g. mediation_period. */
  clock: string;
  /** The last whole day it allows (China Standard Time), YYYY-MM-DD. */
  lastDay: string;
  /** The instant it ends, ISO 8601. */
  deadlineAt: string;
}

export type ReminderDue = DomainEvent<'ReminderDue', DeadlineMark>;
export type DeadlineReached = DomainEvent<'DeadlineReached', DeadlineMark>;
export type DeadlineEvent = ReminderDue | DeadlineReached;

/** A reminder that a deadline is near (days before it). */
export interface RemindOfDeadline {
  type: 'RemindOfDeadline';
  deadline: DeadlineMark;
  now: Date;
  actor: Actor;
}

/** The deadline passed with the work not done. */
export interface MarkDeadlineReached {
  type: 'MarkDeadlineReached';
  deadline: DeadlineMark;
  now: Date;
  actor: Actor;
}

export type DeadlineCommand = RemindOfDeadline | MarkDeadlineReached;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The event a deadline command makes on a record that exists (the caller checks that first). The
 * clocks say whether the clock still runs and was noted already (they derive it from the same
 * events); this checks what the command carries.
 */
export function decideDeadline(command: DeadlineCommand): DeadlineEvent[] {
  const { clock, lastDay, deadlineAt } = command.deadline ?? ({} as Partial<DeadlineMark>);
  const errors: FieldError[] = [];
  if (typeof clock !== 'string' || clock === '') errors.push({ field: 'deadline.clock', message: 'is required' });
  if (typeof lastDay !== 'string' || !DAY.test(lastDay)) errors.push({ field: 'deadline.lastDay', message: 'must be a date' });
  if (typeof deadlineAt !== 'string' || Number.isNaN(Date.parse(deadlineAt))) errors.push({ field: 'deadline.deadlineAt', message: 'must be an instant' });
  if (errors.length > 0) throw new ValidationFailedError(errors);
  const data: DeadlineMark = { clock: clock as string, lastDay: lastDay as string, deadlineAt: deadlineAt as string };
  return [command.type === 'RemindOfDeadline' ? { type: 'ReminderDue', data } : { type: 'DeadlineReached', data }];
}

/** A reminder or a deadline of one of a record's clocks, as the clocks hand it to the record's context. */
export interface DueDeadline extends DeadlineMark {
  due: 'reminder' | 'deadline';
  now: Date;
  actor: Actor;
}

/** The command a record with deadlines of its own (a case, a mediation) decides for a reminder or a deadline. */
export function deadlineCommand({ due, clock, lastDay, deadlineAt, now, actor }: DueDeadline): DeadlineCommand {
  return { type: due === 'reminder' ? 'RemindOfDeadline' : 'MarkDeadlineReached', deadline: { clock, lastDay, deadlineAt }, now, actor };
}
