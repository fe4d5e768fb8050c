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
 *
 * Met or missed is judged on the record's own dates, not on when they were typed in: a stopped
 * clock's `completedOn` is the day the record says the work was done (resolvedOn, agreedOn,
 * failedOn, withdrawnOn, the confirmation application's day), and it `met` its deadline when that
 * day is not after `lastDay`. A DeadlineReached appended before a back-dated completion stays on
 * the stream (what the system saw then), but `withdrawnDeadlines` names it as one the record shows
 * was never missed (docs/decisions/0007).
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
  /** The day the record says the clock's work was done; null while it runs (or if the record names no day). */
  completedOn: string | null;
  /** Whether that was within the deadline (completedOn <= lastDay); null while it runs. */
  met: boolean | null;
}

interface StreamEvent {
  type: string;
  data: Record<string, unknown>;
}

export const clockId = (kind: ClockKind, subjectId: string) => `${kind}.${subjectId}`;

type Marks = { reminded: Set<string>; reached: Set<string> };
/** null: the clock runs; otherwise it stopped, on the day the record names (null if it names none). */
type Stop = { on: string | null } | null;
const stoppedOn = (on: unknown): Stop => ({ on: typeof on === 'string' ? on : null });

function clock(
  kind: ClockKind,
  subjectStream: string,
  base: { subDistrict: string | null; assignedTo: string | null },
  startedOn: string,
  lastDay: string,
  stop: Stop,
  marks: Marks,
): DerivedClock {
  return timedClock(kind, subjectStream, base, startedOn, lastDay, startOfShanghaiDay(addDays(lastDay, 1)), stop, marks);
}

function timedClock(
  kind: ClockKind,
  subjectStream: string,
  base: { subDistrict: string | null; assignedTo: string | null },
  startedOn: string,
  lastDay: string,
  deadlineAt: Date,
  stop: Stop,
  marks: Marks,
): DerivedClock {
  const running = stop === null;
  const completedOn = stop?.on ?? null;
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
    completedOn,
    met: completedOn === null ? null : completedOn <= lastDay,
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
  let ended: Stop = null;
  let agreedOn: string | undefined;
  let confirmationApplied: Stop = null;
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
        ended = stoppedOn(agreedOn);
        break;
      case 'MediationFailed':
        ended = stoppedOn(data.failedOn);
        break;
      case 'MediationWithdrawn':
        ended = stoppedOn(data.withdrawnOn);
        break;
      case 'JudicialConfirmationApplied':
        confirmationApplied = stoppedOn(data.on);
        break;
    }
  }
  if (!referredOn) return [];
  const marks = marksOf(events);
  const base = { subDistrict, assignedTo };
  const clocks = [clock('mediation_period', stream, base, referredOn, addDays(referredOn, 30 + extraDays), ended, marks)];
  if (agreedOn) {
    clocks.push(clock('judicial_confirmation', stream, base, agreedOn, addDays(agreedOn, 30), confirmationApplied, marks));
  }
  return clocks;
}

function disputeClocks(stream: string, events: StreamEvent[]): DerivedClock[] {
  let opened = false;
  let subDistrict: string | null = null;
  let assignedTo: string | null = null;
  let infringementKnownOn: string | undefined;
  let firstNegotiationOn: string | undefined;
  let resolved: Stop = null;
  let reopenedOn: string | undefined;
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
        resolved = stoppedOn(data.resolvedOn);
        break;
      case 'DisputeReopened':
        resolved = null;
        reopenedOn = data.reopenedOn as string;
        break;
    }
  }
  if (!opened) return [];
  const marks = marksOf(events);
  const base = { subDistrict, assignedTo };
  const clocks: DerivedClock[] = [];
  if (firstNegotiationOn) {
    // A reopened case is mediated again: its 15 days run afresh from the reopening (or from its
    // first negotiation session, if mediation had not begun by then), never on the old deadline.
    const startedOn = reopenedOn && reopenedOn > firstNegotiationOn ? reopenedOn : firstNegotiationOn;
    clocks.push(clock('dispute_mediation', stream, base, startedOn, addDays(startedOn, 15), resolved, marks));
  }
  if (infringementKnownOn) {
    // Periods run from the day after (as in the civil law): a year from 15 June ends on 15 June.
    // A reopening does not move it: the year runs from when the worker knew of the infringement.
    clocks.push(clock('arbitration_limitation', stream, base, infringementKnownOn, oneYearLater(infringementKnownOn), resolved, marks));
  }
  return clocks;
}

function alertClocks(stream: string, events: StreamEvent[]): DerivedClock[] {
  let submittedAt: string | undefined;
  let subDistrict: string | null = null;
  let pickupDeadlineAt: string | undefined;
  let pickedUp: { at: string | null } | null = null;
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
        // The first of these picked it up (the server's instants: an alert is never back-dated).
        pickedUp ??= { at: (data.acknowledgedAt ?? data.verifiedAt ?? data.dismissedAt ?? data.convertedAt ?? null) as string | null };
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
  const pickup = timedClock(
    'alert_pickup',
    stream,
    { subDistrict, assignedTo: null },
    startedOn,
    shanghaiDate(deadlineAt),
    deadlineAt,
    pickedUp === null ? null : { on: pickedUp.at === null ? null : shanghaiDate(new Date(pickedUp.at)) },
    marks,
  );
  // An hour-based deadline is met or missed by the instant, not the day.
  if (pickedUp?.at) pickup.met = new Date(pickedUp.at).getTime() <= deadlineAt.getTime();
  return [pickup];
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

/**
 * The deadlines noted on a record's stream (DeadlineReached) that its own dates now show were
 * never missed: the clock stopped with its work done by the last day (a back-dated resolution, an
 * agreement, a failure or withdrawal, an application for confirmation), or, for the mediation
 * period, the deadline was moved by an extension (which the parties can only agree by the last
 * day). What the system saw stays on the stream; what people are told of it (the mediator's
 * clock_overdue notification) is withdrawn.
 */
export function withdrawnDeadlines(streamId: string, events: StreamEvent[]): ClockEventData[] {
  const clocks = deriveClocks(streamId, events);
  const withdrawn: ClockEventData[] = [];
  const seen = new Set<string>();
  for (const { type, data } of events) {
    if (type !== DEADLINE_REACHED) continue;
    const mark = data as unknown as ClockEventData;
    const key = `${mark.clock}|${mark.deadlineAt}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const current = clocks.find((c) => c.kind === mark.clock);
    if (!current) continue;
    const sameDeadline = current.deadlineAt.toISOString() === new Date(mark.deadlineAt).toISOString();
    const metByRecord = sameDeadline && current.met === true;
    const extendedInTime = !sameDeadline && mark.clock === 'mediation_period' && current.deadlineAt.getTime() > new Date(mark.deadlineAt).getTime();
    if (metByRecord || extendedInTime) withdrawn.push({ clock: mark.clock, lastDay: mark.lastDay, deadlineAt: mark.deadlineAt });
  }
  return withdrawn;
}

/** Every clock a record's events imply, running or not. */
export function deriveClocks(streamId: string, events: StreamEvent[]): DerivedClock[] {
  if (streamId.startsWith('mediation-')) return mediationClocks(streamId, events);
  if (streamId.startsWith('dispute-')) return disputeClocks(streamId, events);
  if (streamId.startsWith('alert-')) return alertClocks(streamId, events);
  return [];
}
