import { addDays, shanghaiDate, startOfShanghaiDay } from '@lc/decider';

/**
 * The law's clocks, derived from a record's own events (pure: no I/O, no time of its own).
 *
 * - mediation_period: court-referred mediation, 30 days from referral plus the one agreed extension.
 * - judicial_confirmation: parties may apply for judicial confirmation within 30 days of the agreement.
 * - dispute_mediation: art. 14, a party may go to arbitration 15 days after mediation began
 *   (counted from the first negotiation session) without agreement.
 * - arbitration_limitation: art. 27, one year from when the worker knew of the infringement; the
 *   warning comes 30 days before.
 * - alert_pickup: a red or yellow early-warning alert must be acknowledged within hours (2 and 24
 *   by default); the deadline is the instant the alert's AlertGraded names (pickupDeadlineAt),
 *   fixed at submission so that a change of policy never moves the deadline of an alert in hand.
 *
 * A day-based clock's `lastDay` is the last whole day (China Standard Time) it allows; its
 * deadline is the instant that day ends. An hour-based clock's deadline is an instant; its
 * `startedOn` and `lastDay` are the Shanghai dates of its start and of its deadline.
 */
export const CLOCK_KINDS = ['mediation_period', 'judicial_confirmation', 'dispute_mediation', 'arbitration_limitation', 'alert_pickup'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

/** Days of warning before each kind of deadline; null: no reminder (a pick-up deadline of hours is itself the warning). */
export const REMINDER_DAYS: Record<ClockKind, number | null> = {
  mediation_period: 3,
  judicial_confirmation: 3,
  dispute_mediation: 3,
  arbitration_limitation: 30,
  alert_pickup: null,
};

export const hasReminder = (kind: ClockKind): boolean => REMINDER_DAYS[kind] !== null;

export const CLOCK_STREAM_PREFIXES = ['mediation-', 'dispute-', 'alert-'];

/**
 * The events that note a reminder or a deadline on a record's stream, decided by the record's own
 * context when a clock's job sends it the command (see ClockSubject).
 */
export const REMINDER_DUE = 'ReminderDue';
export const DEADLINE_REACHED = 'DeadlineReached';
/** What notes a missed alert_pickup deadline instead of DeadlineReached: the alert context's own escalation. */
export const ALERT_ESCALATED = 'AlertEscalated';
export const NOT_ACKNOWLEDGED_IN_TIME = 'not_acknowledged_in_time';

export interface ClockEventData {
  clock: ClockKind;
  lastDay: string;
  deadlineAt: string;
}

export interface DerivedClock {
  clockId: string;
  kind: ClockKind;
  subjectStream: string;
  subjectId: string;
  subDistrict: string | null;
  assignedTo: string | null;
  startedOn: string;
  lastDay: string;
  deadlineAt: Date;
  remindAt: Date;
  running: boolean;
  reminded: boolean;
  deadlineReached: boolean;
}

interface StreamEvent {
  type: string;
  data: Record<string, unknown>;
}

export const clockId = (kind: ClockKind, subjectId: string) => `${kind}.${subjectId}`;

type Marks = { reminded: Set<string>; reached: Set<string> };

function clock(
  kind: ClockKind,
  subjectStream: string,
  base: { subDistrict: string | null; assignedTo: string | null },
  startedOn: string,
  lastDay: string,
  running: boolean,
  marks: Marks,
): DerivedClock {
  return timedClock(kind, subjectStream, base, startedOn, lastDay, startOfShanghaiDay(addDays(lastDay, 1)), running, marks);
}

function timedClock(
  kind: ClockKind,
  subjectStream: string,
  base: { subDistrict: string | null; assignedTo: string | null },
  startedOn: string,
  lastDay: string,
  deadlineAt: Date,
  running: boolean,
  marks: Marks,
): DerivedClock {
  const subjectId = subjectStream.slice(subjectStream.indexOf('-') + 1);
  const key = `${kind}|${deadlineAt.toISOString()}`;
  const reminderDays = REMINDER_DAYS[kind];
  return {
    clockId: clockId(kind, subjectId),
    kind,
    subjectStream,
    subjectId,
    ...base,
    startedOn,
    lastDay,
    deadlineAt,
    // Without a reminder, no warning period: the clock is "due soon" only once it is overdue.
    remindAt: reminderDays === null ? deadlineAt : new Date(deadlineAt.getTime() - reminderDays * 86_400_000),
    // Reaching the deadline does not stop a clock: the work is overdue until the record says it is done.
    running,
    reminded: marks.reminded.has(key),
    deadlineReached: marks.reached.has(key),
  };
}

/** The same date one year later (29 February → 28 February). */
function oneYearLater(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y + 1, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

function marksOf(events: StreamEvent[]): Marks {
  const reminded = new Set<string>();
  const reached = new Set<string>();
  for (const e of events) {
    if (e.type !== REMINDER_DUE && e.type !== DEADLINE_REACHED) continue;
    const data = e.data as unknown as ClockEventData;
    (e.type === REMINDER_DUE ? reminded : reached).add(`${data.clock}|${data.deadlineAt}`);
  }
  return { reminded, reached };
}

function mediationClocks(stream: string, events: StreamEvent[]): DerivedClock[] {
  let referredOn: string | undefined;
  let subDistrict: string | null = null;
  let assignedTo: string | null = null;
  let extraDays = 0;
  let ended = false;
  let agreedOn: string | undefined;
  let confirmationApplied = false;
  for (const { type, data } of events) {
    switch (type) {
      case 'MediationReferred':
        referredOn = data.referredOn as string;
        subDistrict = data.subDistrict as string;
        assignedTo = (data.mediatorId as string | undefined) ?? null;
        break;
      case 'MediationMediatorAssigned':
        assignedTo = data.mediatorId as string;
        break;
      case 'MediationExtended':
        extraDays += data.extraDays as number;
        break;
      case 'MediationAgreementReached':
        agreedOn = data.agreedOn as string;
        ended = true;
        break;
      case 'MediationFailed':
      case 'MediationWithdrawn':
        ended = true;
        break;
      case 'JudicialConfirmationApplied':
        confirmationApplied = true;
        break;
    }
  }
  if (!referredOn) return [];
  const marks = marksOf(events);
  const base = { subDistrict, assignedTo };
  const clocks = [clock('mediation_period', stream, base, referredOn, addDays(referredOn, 30 + extraDays), !ended, marks)];
  if (agreedOn) {
    clocks.push(clock('judicial_confirmation', stream, base, agreedOn, addDays(agreedOn, 30), !confirmationApplied, marks));
  }
  return clocks;
}

function disputeClocks(stream: string, events: StreamEvent[]): DerivedClock[] {
  let opened = false;
  let subDistrict: string | null = null;
  let assignedTo: string | null = null;
  let infringementKnownOn: string | undefined;
  let firstNegotiationOn: string | undefined;
  let resolved = false;
  for (const { type, data } of events) {
    switch (type) {
      case 'DisputeOpened':
        opened = true;
        subDistrict = data.subDistrict as string;
        infringementKnownOn = (data.infringementKnownOn as string | undefined) ?? undefined;
        assignedTo = (data.mediatorId as string | undefined) ?? null;
        break;
      case 'MediatorAssigned':
        assignedTo = data.mediatorId as string;
        break;
      case 'StepLogged':
        if (data.kind === 'negotiation_session') {
          // occurredAt is an instant; the law counts China Standard Time days.
          const on = shanghaiDate(new Date(data.occurredAt as string));
          if (!firstNegotiationOn || on < firstNegotiationOn) firstNegotiationOn = on;
        }
        break;
      case 'DisputeResolved':
        resolved = true;
        break;
      case 'DisputeReopened':
        resolved = false;
        break;
    }
  }
  if (!opened) return [];
  const marks = marksOf(events);
  const base = { subDistrict, assignedTo };
  const clocks: DerivedClock[] = [];
  if (firstNegotiationOn) {
    clocks.push(clock('dispute_mediation', stream, base, firstNegotiationOn, addDays(firstNegotiationOn, 15), !resolved, marks));
  }
  if (infringementKnownOn) {
    // Periods run from the day after (as in the civil law): a year from 15 June ends on 15 June.
    clocks.push(clock('arbitration_limitation', stream, base, infringementKnownOn, oneYearLater(infringementKnownOn), !resolved, marks));
  }
  return clocks;
}

function alertClocks(stream: string, events: StreamEvent[]): DerivedClock[] {
  let submittedAt: string | undefined;
  let subDistrict: string | null = null;
  let pickupDeadlineAt: string | undefined;
  let pickedUpOrClosed = false;
  let escalatedForDelay = false;
  for (const { type, data } of events) {
    switch (type) {
      case 'AlertSubmitted':
        submittedAt = data.submittedAt as string;
        subDistrict = data.subDistrict as string;
        break;
      case 'AlertGraded':
        // Green alerts have none: nobody is chased for them.
        pickupDeadlineAt = (data.pickupDeadlineAt as string | undefined) ?? undefined;
        break;
      case 'AlertAcknowledged':
      case 'AlertVerified':
      case 'AlertDismissed':
      case 'AlertConverted':
        pickedUpOrClosed = true;
        break;
      case ALERT_ESCALATED:
        if (data.reason === NOT_ACKNOWLEDGED_IN_TIME) escalatedForDelay = true;
        break;
    }
  }
  if (!submittedAt || !pickupDeadlineAt) return [];
  const deadlineAt = new Date(pickupDeadlineAt);
  // The deadline never moves, so one escalation for a missed pick-up is the mark of this one deadline.
  const marks: Marks = { reminded: new Set(), reached: new Set(escalatedForDelay ? [`alert_pickup|${deadlineAt.toISOString()}`] : []) };
  const startedOn = shanghaiDate(new Date(submittedAt));
  return [
    timedClock('alert_pickup', stream, { subDistrict, assignedTo: null }, startedOn, shanghaiDate(deadlineAt), deadlineAt, !pickedUpOrClosed, marks),
  ];
}

/**
 * The record as people know it, from its first event: the case number (dispute), the court's
 * case number (mediation) or none (alert), and the employer or enterprise (name and credit code).
 */
export function recordReference(
  events: StreamEvent[],
): { reference: string | null; employerName: string | null; employerCreditCode: string | null } | undefined {
  const first = events[0];
  if (!first) return undefined;
  const party = (first.data.employer ?? first.data.enterprise) as { name?: string; creditCode?: string } | undefined;
  const employer = { employerName: party?.name ?? null, employerCreditCode: party?.creditCode ?? null };
  if (first.type === 'DisputeOpened') return { reference: String(first.data.caseNo), ...employer };
  if (first.type === 'MediationReferred') return { reference: String(first.data.courtCaseNo), ...employer };
  if (first.type === 'AlertSubmitted') return { reference: null, ...employer };
  return undefined;
}

/** Every clock a record's events imply, running or not. */
export function deriveClocks(streamId: string, events: StreamEvent[]): DerivedClock[] {
  if (streamId.startsWith('mediation-')) return mediationClocks(streamId, events);
  if (streamId.startsWith('dispute-')) return disputeClocks(streamId, events);
  if (streamId.startsWith('alert-')) return alertClocks(streamId, events);
  return [];
}
