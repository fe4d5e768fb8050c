import { CommandContext, Decider, DeadlineCommand, DeadlineEvent, DomainError, DomainEvent, daysBetween, decideDeadline, invalidField, shanghaiDate, unprocessable } from '@lc/decider';
import { refuseAssigningOthers } from '@lc/access';
import { Claimant, Employer, GROUP_DISPUTE_THRESHOLD } from '@lc/parties';
import { DisputeCategory, DisputeChannel, DisputeOutcome, DisputeStepKind } from '@lc/reference-data';
import { definedOnly, refuseDateBefore, refuseFutureDate, refuseFutureInstant, today } from '@lc/reference-data';
import type { AssignMediatorRequest } from '../assign-mediator/assign-mediator.schema';
import type { ChangeWorkersInvolvedRequest } from '../change-workers-involved/change-workers-involved.schema';
import type { LogStepRequest } from '../log-step/log-step.schema';
import type { DisputeOpeningFields } from '../open-dispute/open-dispute.schema';
import type { RecordRecoveryRequest } from '../record-recovery/record-recovery.schema';
import type { ReopenDisputeRequest } from '../reopen-dispute/reopen-dispute.schema';
import type { ResolveDisputeRequest } from '../resolve-dispute/resolve-dispute.schema';

/*
 * A labour dispute the union helps resolve (劳资纠纷调处), one stream per case: `dispute-<uuid>`.
 * Event data is plain JSON: dates are 'YYYY-MM-DD' (Shanghai calendar), instants ISO 8601 in UTC,
 * money integer fen. Who did what is in each event's metadata (the handler's actor), not here.
 */

export const DISPUTE_STREAM_PREFIX = 'dispute-';
export const disputeStreamId = (disputeId: string): string => `${DISPUTE_STREAM_PREFIX}${disputeId}`;

/** Payment often follows the agreement by some weeks, so recoveries stay open this long after resolution. */
export const RECOVERY_WINDOW_DAYS = 30;

/** What the case came from, when it came from another work item. */
export interface DisputeSource {
  kind: 'complaint' | 'alert';
  id: string;
}

// ---- Events -------------------------------------------------------------------------------------

export interface DisputeOpenedData {
  disputeId: string;
  caseNo: string;
  channel: DisputeChannel;
  subDistrict: string;
  employer: Employer;
  category: DisputeCategory;
  workersInvolved: number;
  amountClaimedFen: number;
  summary: string;
  /** The day the union received the dispute; may be days before it was recorded. */
  openedOn: string;
  claimants: Claimant[];
  /** When the worker learnt of the infringement: starts the 1-year arbitration limitation (art. 27). */
  infringementKnownOn?: string;
  source?: DisputeSource;
  /**
   * Open cases of the same employer with a claimant in common (ID number or phone) when this one
   * was opened, which the person opening it confirmed are another matter (confirmDuplicate).
   */
  confirmedDuplicateOf?: string[];
  /** The mediator the case was opened for: the mediator who opened it, unless they said otherwise. */
  mediatorId?: string;
}

export type DisputeOpened = DomainEvent<'DisputeOpened', DisputeOpenedData>;
/** The case involves 30 or more workers. Appended at most once per case; supervisors are notified. */
export type GroupDisputeFlagged = DomainEvent<'GroupDisputeFlagged', { workersInvolved: number }>;
export type WorkersInvolvedChanged = DomainEvent<
  'WorkersInvolvedChanged',
  { workersInvolved: number; previousWorkersInvolved: number; reason?: string }
>;
export type MediatorAssigned = DomainEvent<'MediatorAssigned', { mediatorId: string }>;
/** occurredAt is an ISO instant in UTC; its Shanghai date is the step's date. */
export type StepLogged = DomainEvent<'StepLogged', { kind: DisputeStepKind; note: string; occurredAt: string }>;
/** Money won for workers (为职工争取经济利益), counted on recoveredOn. */
export type RecoveryRecorded = DomainEvent<'RecoveryRecorded', { amountFen: number; recoveredOn: string; note: string }>;
export type DisputeResolved = DomainEvent<'DisputeResolved', { outcome: DisputeOutcome; resolvedOn: string; note: string }>;
export type DisputeReopened = DomainEvent<'DisputeReopened', { reason: string; reopenedOn: string }>;

export type DisputeEvent =
  | DisputeOpened
  | GroupDisputeFlagged
  | WorkersInvolvedChanged
  | MediatorAssigned
  | StepLogged
  | RecoveryRecorded
  | DisputeResolved
  | DisputeReopened
  // The statutory clocks' reminders and deadlines (libs/clocks), decided here when the clocks send them.
  | DeadlineEvent;

export type DisputeEventType = DisputeEvent['type'];
/** The case's own events (the clocks' ReminderDue and DeadlineReached leave its state as it was). */
export const DISPUTE_EVENT_TYPES: readonly DisputeEventType[] = [
  'DisputeOpened',
  'GroupDisputeFlagged',
  'WorkersInvolvedChanged',
  'MediatorAssigned',
  'StepLogged',
  'RecoveryRecorded',
  'DisputeResolved',
  'DisputeReopened',
];

// ---- Commands -----------------------------------------------------------------------------------
/*
 * Each command is its use case's request (z.output of the schema in the use case's folder), plus
 * what the handler adds. The schemas check the fields; decide checks only what needs the case's
 * state, the clock or the actor.
 */

export type OpenDispute = CommandContext &
  DisputeOpeningFields & {
    type: 'OpenDispute';
    disputeId: string;
    /** Allocated by the handler for the sub-district and the year of openedOn (see caseNoFor). */
    caseNo: string;
    source?: DisputeSource;
    /** Overlapping open cases the opener confirmed this one is not (see DisputeOpenedData). */
    confirmedDuplicateOf?: string[];
    /** A mediator opening a case is assigned to it (the handler decides; only a mediator may be named here). */
    mediatorId?: string;
  };

/** An opening drawn from another record (a complaint, an alert converted): the opener checks its fields with the opening's schema. */
export type OpeningFromRecord = DisputeOpeningFields & { source: DisputeSource };

export type ChangeWorkersInvolved = CommandContext & ChangeWorkersInvolvedRequest & { type: 'ChangeWorkersInvolved' };
/** mediatorId is an account's id: the handler has replaced `me` with the caller's. */
export type AssignMediator = CommandContext & AssignMediatorRequest & { type: 'AssignMediator' };
export type LogStep = CommandContext & LogStepRequest & { type: 'LogStep' };
export type RecordRecovery = CommandContext & RecordRecoveryRequest & { type: 'RecordRecovery' };
export type ResolveDispute = CommandContext & ResolveDisputeRequest & { type: 'ResolveDispute' };
export type ReopenDispute = CommandContext & ReopenDisputeRequest & { type: 'ReopenDispute' };

export type DisputeCommand =
  | OpenDispute
  | ChangeWorkersInvolved
  | AssignMediator
  | LogStep
  | RecordRecovery
  | ResolveDispute
  | ReopenDispute
  | DeadlineCommand;

// ---- State --------------------------------------------------------------------------------------

export interface NotOpened {
  status: 'not_opened';
}

export interface DisputeCase {
  status: 'open' | 'resolved';
  disputeId: string;
  caseNo: string;
  channel: DisputeChannel;
  subDistrict: string;
  employer: Employer;
  category: DisputeCategory;
  summary: string;
  claimants: Claimant[];
  openedOn: string;
  infringementKnownOn: string | null;
  source: DisputeSource | null;
  /** Open cases it overlapped when opened, confirmed by the opener as another matter; empty: none. */
  confirmedDuplicateOf: string[];
  workersInvolved: number;
  amountClaimedFen: number;
  /** Flagged as a group dispute (stays flagged if the count later falls below 30). */
  groupDispute: boolean;
  mediatorId: string | null;
  stepsLogged: number;
  /** Earliest negotiation session date: starts the 15-day mediation clock (art. 14). */
  firstNegotiationOn: string | null;
  amountRecoveredFen: number;
  recoveriesRecorded: number;
  /** Current resolution; null while open (also after a reopen). */
  outcome: DisputeOutcome | null;
  resolvedOn: string | null;
  timesReopened: number;
  lastReopenedOn: string | null;
}

export type DisputeCaseState = NotOpened | DisputeCase;

// ---- Helpers for the handler --------------------------------------------------------------------

/** The openedOn an OpenDispute will record: the one given, or today in Shanghai. Its year goes into caseNo. */
export function openingDate(openedOn: string | undefined, now: Date): string {
  return openedOn ?? shanghaiDate(now);
}

/** Whether a recovery may still be recorded today: open, or resolved at most 30 days ago. */
export function acceptsRecoveries(state: DisputeCaseState, now: Date): boolean {
  if (state.status === 'not_opened') return false;
  if (state.status === 'open') return true;
  return daysBetween(state.resolvedOn as string, today(now)) <= RECOVERY_WINDOW_DAYS;
}

// ---- Decider ------------------------------------------------------------------------------------

function opened(state: DisputeCaseState): DisputeCase {
  if (state.status === 'not_opened') throw new DomainError('not_found', 'no such dispute case');
  return state;
}

function requireOpen(state: DisputeCase, what: string): void {
  if (state.status !== 'open') {
    throw unprocessable(`${state.caseNo} was resolved on ${state.resolvedOn}: reopen it before ${what}`);
  }
}

function open(command: OpenDispute, state: DisputeCaseState): DisputeEvent[] {
  // Opening assigns only the mediator who opens; giving a case to someone else is an assignment.
  if (command.mediatorId !== undefined && (command.actor.role !== 'mediator' || command.mediatorId !== command.actor.id)) {
    throw invalidField('mediatorId', 'only the mediator opening a case is assigned to it on opening');
  }
  if (state.status !== 'not_opened') throw new DomainError('conflict', `dispute case ${state.caseNo} is already open`);

  const openedOn = openingDate(command.openedOn, command.now);
  refuseFutureDate('openedOn', openedOn, command.now);
  if (command.infringementKnownOn !== undefined) refuseFutureDate('infringementKnownOn', command.infringementKnownOn, command.now);

  const events: DisputeEvent[] = [
    {
      type: 'DisputeOpened',
      data: definedOnly<DisputeOpenedData>({
        disputeId: command.disputeId,
        caseNo: command.caseNo,
        channel: command.channel,
        subDistrict: command.subDistrict,
        employer: { name: command.employer.name, creditCode: command.employer.creditCode },
        category: command.category,
        workersInvolved: command.workersInvolved,
        amountClaimedFen: command.amountClaimedFen,
        summary: command.summary,
        openedOn,
        claimants: command.claimants.map((c) => definedOnly({ name: c.name, idNumber: c.idNumber, phone: c.phone })),
        infringementKnownOn: command.infringementKnownOn,
        source: command.source && { kind: command.source.kind, id: command.source.id },
        confirmedDuplicateOf: command.confirmedDuplicateOf?.length ? [...command.confirmedDuplicateOf] : undefined,
        mediatorId: command.mediatorId,
      }),
    },
  ];
  if (command.workersInvolved >= GROUP_DISPUTE_THRESHOLD) {
    events.push({ type: 'GroupDisputeFlagged', data: { workersInvolved: command.workersInvolved } });
  }
  return events;
}

function changeWorkersInvolved(command: ChangeWorkersInvolved, state: DisputeCaseState): DisputeEvent[] {
  const dispute = opened(state);
  requireOpen(dispute, 'changing the number of workers involved');
  if (command.workersInvolved === dispute.workersInvolved) return [];

  const events: DisputeEvent[] = [
    {
      type: 'WorkersInvolvedChanged',
      data: definedOnly({
        workersInvolved: command.workersInvolved,
        previousWorkersInvolved: dispute.workersInvolved,
        reason: command.reason,
      }),
    },
  ];
  if (command.workersInvolved >= GROUP_DISPUTE_THRESHOLD && !dispute.groupDispute) {
    events.push({ type: 'GroupDisputeFlagged', data: { workersInvolved: command.workersInvolved } });
  }
  return events;
}

function assignMediator(command: AssignMediator, state: DisputeCaseState): DisputeEvent[] {
  const dispute = opened(state);
  refuseAssigningOthers(command.actor, command.mediatorId, 'a case');
  requireOpen(dispute, 'assigning a mediator');
  // Assigning the one already assigned changes nothing: a retried request appends nothing.
  if (dispute.mediatorId === command.mediatorId) return [];
  // A mediator takes unassigned work only: a colleague's case is reassigned by a supervisor.
  if (command.actor.role === 'mediator' && dispute.mediatorId !== null) {
    throw new DomainError('conflict', `${dispute.caseNo} is assigned to another mediator already: a supervisor may reassign it`, [
      { field: 'mediatorId', message: 'the case has a mediator already' },
    ]);
  }
  return [{ type: 'MediatorAssigned', data: { mediatorId: command.mediatorId } }];
}

function logStep(command: LogStep, state: DisputeCaseState): DisputeEvent[] {
  const dispute = opened(state);
  requireOpen(dispute, 'logging a step');
  const occurredAt = new Date(command.occurredAt).toISOString();
  refuseFutureInstant('occurredAt', command.occurredAt, command.now);
  refuseDateBefore('occurredAt', shanghaiDate(new Date(occurredAt)), dispute.openedOn, 'the day the case was opened');
  return [{ type: 'StepLogged', data: { kind: command.kind, note: command.note, occurredAt } }];
}

function recordRecovery(command: RecordRecovery, state: DisputeCaseState): DisputeEvent[] {
  const dispute = opened(state);
  if (!acceptsRecoveries(dispute, command.now)) {
    throw unprocessable(
      `${dispute.caseNo} was resolved on ${dispute.resolvedOn}, more than ${RECOVERY_WINDOW_DAYS} days ago: reopen it to record a recovery`,
    );
  }
  refuseFutureDate('recoveredOn', command.recoveredOn, command.now);
  refuseDateBefore('recoveredOn', command.recoveredOn, dispute.openedOn, 'the day the case was opened');
  return [{ type: 'RecoveryRecorded', data: { amountFen: command.amountFen, recoveredOn: command.recoveredOn, note: command.note } }];
}

function resolve(command: ResolveDispute, state: DisputeCaseState): DisputeEvent[] {
  const dispute = opened(state);
  if (dispute.status === 'resolved') {
    throw unprocessable(`${dispute.caseNo} is already resolved (on ${dispute.resolvedOn}): reopen it before resolving it again`);
  }
  refuseFutureDate('resolvedOn', command.resolvedOn, command.now);
  refuseDateBefore('resolvedOn', command.resolvedOn, dispute.openedOn, 'the day the case was opened');
  // Reports count a re-resolved case on its last resolution, which must not predate the reopen.
  if (dispute.lastReopenedOn) refuseDateBefore('resolvedOn', command.resolvedOn, dispute.lastReopenedOn, 'the day the case was reopened');
  return [{ type: 'DisputeResolved', data: { outcome: command.outcome, resolvedOn: command.resolvedOn, note: command.note } }];
}

function reopen(command: ReopenDispute, state: DisputeCaseState): DisputeEvent[] {
  const dispute = opened(state);
  if (dispute.status !== 'resolved') throw unprocessable(`${dispute.caseNo} is open: only a resolved case can be reopened`);
  const reopenedOn = command.reopenedOn ?? today(command.now);
  refuseFutureDate('reopenedOn', reopenedOn, command.now);
  refuseDateBefore('reopenedOn', reopenedOn, dispute.resolvedOn as string, 'the resolution it undoes');
  return [{ type: 'DisputeReopened', data: { reason: command.reason, reopenedOn } }];
}

function evolveOpened(dispute: DisputeCase, event: Exclude<DisputeEvent, DisputeOpened>): DisputeCase {
  switch (event.type) {
    case 'GroupDisputeFlagged':
      return { ...dispute, groupDispute: true };
    case 'WorkersInvolvedChanged':
      return { ...dispute, workersInvolved: event.data.workersInvolved };
    case 'MediatorAssigned':
      return { ...dispute, mediatorId: event.data.mediatorId };
    case 'StepLogged': {
      const on = shanghaiDate(new Date(event.data.occurredAt));
      const isEarlierNegotiation =
        event.data.kind === 'negotiation_session' && (dispute.firstNegotiationOn === null || on < dispute.firstNegotiationOn);
      return { ...dispute, stepsLogged: dispute.stepsLogged + 1, firstNegotiationOn: isEarlierNegotiation ? on : dispute.firstNegotiationOn };
    }
    case 'RecoveryRecorded':
      return {
        ...dispute,
        amountRecoveredFen: dispute.amountRecoveredFen + event.data.amountFen,
        recoveriesRecorded: dispute.recoveriesRecorded + 1,
      };
    case 'DisputeResolved':
      return { ...dispute, status: 'resolved', outcome: event.data.outcome, resolvedOn: event.data.resolvedOn };
    case 'ReminderDue':
    case 'DeadlineReached':
      return dispute;
    case 'DisputeReopened':
      return {
        ...dispute,
        status: 'open',
        outcome: null,
        resolvedOn: null,
        timesReopened: dispute.timesReopened + 1,
        lastReopenedOn: event.data.reopenedOn,
      };
  }
}

export const disputeCase: Decider<DisputeCommand, DisputeEvent, DisputeCaseState> = {
  initialState: () => ({ status: 'not_opened' }),

  decide(command, state) {
    switch (command.type) {
      case 'OpenDispute':
        return open(command, state);
      case 'ChangeWorkersInvolved':
        return changeWorkersInvolved(command, state);
      case 'AssignMediator':
        return assignMediator(command, state);
      case 'LogStep':
        return logStep(command, state);
      case 'RecordRecovery':
        return recordRecovery(command, state);
      case 'ResolveDispute':
        return resolve(command, state);
      case 'ReopenDispute':
        return reopen(command, state);
      case 'RemindOfDeadline':
      case 'MarkDeadlineReached':
        // Whether the clock still runs, and was noted already, the clocks derive from these same events.
        opened(state);
        return decideDeadline(command);
    }
  },

  evolve(state, event) {
    if (event.type === 'DisputeOpened') {
      const d = event.data;
      return {
        status: 'open',
        disputeId: d.disputeId,
        caseNo: d.caseNo,
        channel: d.channel,
        subDistrict: d.subDistrict,
        employer: d.employer,
        category: d.category,
        summary: d.summary,
        claimants: d.claimants,
        openedOn: d.openedOn,
        infringementKnownOn: d.infringementKnownOn ?? null,
        source: d.source ?? null,
        confirmedDuplicateOf: d.confirmedDuplicateOf ?? [],
        workersInvolved: d.workersInvolved,
        amountClaimedFen: d.amountClaimedFen,
        groupDispute: false,
        mediatorId: d.mediatorId ?? null,
        stepsLogged: 0,
        firstNegotiationOn: null,
        amountRecoveredFen: 0,
        recoveriesRecorded: 0,
        outcome: null,
        resolvedOn: null,
        timesReopened: 0,
        lastReopenedOn: null,
      };
    }
    // A stream that does not start with DisputeOpened is corrupt: fail loudly rather than guess.
    if (state.status === 'not_opened') throw new Error(`${event.type} on a dispute stream that was never opened`);
    return evolveOpened(state, event);
  },
};
