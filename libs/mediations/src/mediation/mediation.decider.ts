import { CommandContext, Decider, DeadlineCommand, DeadlineEvent, DomainError, DomainEvent, addDays, decideDeadline, invalidField, unprocessable } from '@lc/decider';
import { DisputeCategory, MediationSessionForm, definedOnly, refuseDateBefore, refuseFutureDate, today } from '@lc/reference-data';
import { Claimant, Employer } from '@lc/parties';
import { refuseAssigningOthers } from '@lc/access';
import type { AssignMediationMediatorRequest } from '../assign-mediator/assign-mediator.schema';
import type { ExtendMediationRequest } from '../extend-mediation/extend-mediation.schema';
import type { FailMediationRequest } from '../fail-mediation/fail-mediation.schema';
import type { HoldSessionRequest } from '../hold-session/hold-session.schema';
import type { ReachAgreementRequest } from '../reach-agreement/reach-agreement.schema';
import type { RecordJudicialConfirmationRequest } from '../record-judicial-confirmation/record-judicial-confirmation.schema';
import type { ReferMediationRequest } from '../refer-mediation/refer-mediation.schema';
import type { WithdrawMediationRequest } from '../withdraw-mediation/withdraw-mediation.schema';
import type { JudicialConfirmationStep } from './limits';

/*
 * A court-referred pre-litigation mediation (诉前调解, "court + union" 诉调对接), one stream per
 * referral: `mediation-<uuid>`. A court refers a labour case to the union's mediation studio before
 * filing it; the studio has 30 days (extendable once, with both parties' consent) to reach an
 * agreement, which the parties may take to the court for judicial confirmation (司法确认) within 30
 * days. A failed mediation returns the case to the court for filing.
 *
 * Event data is plain JSON: dates 'YYYY-MM-DD' (Shanghai calendar), money integer fen. Who did what
 * is in each event's metadata. The statutory clocks append their own events (ReminderDue,
 * DeadlineReached) to these streams; evolve leaves the state alone for them.
 */

export const MEDIATION_STREAM_PREFIX = 'mediation-';
export const mediationStreamId = (mediationId: string): string => `${MEDIATION_STREAM_PREFIX}${mediationId}`;

/** The mediation period runs this many days from the referral, plus one extension of at most MAX_EXTENSION_DAYS. */
export const MEDIATION_PERIOD_DAYS = 30;
/** The parties may apply for judicial confirmation this many days after the agreement. */
export const JUDICIAL_CONFIRMATION_WINDOW_DAYS = 30;
export { JUDICIAL_CONFIRMATION_STEPS, MAX_EXTENSION_DAYS, MAX_WORKERS } from './limits';
export type { JudicialConfirmationStep } from './limits';

/** A worker party: ID number and phone are personal data (mask them outside the detail). */
export type MediationWorker = Claimant;
export type { Employer };

// ---- Events -------------------------------------------------------------------------------------

export interface MediationReferredData {
  mediationId: string;
  /** The referring court, as the referral letter names it (深圳市龙岗区人民法院). */
  court: string;
  /** The court's reference number of the case (（2026）粤0307民诉前调1234号). */
  courtCaseNo: string;
  /** The day of the referral: the mediation period starts here. */
  referredOn: string;
  subDistrict: string;
  category: DisputeCategory;
  employer: Employer;
  workers: MediationWorker[];
  claimAmountFen: number;
  /** The mediator who recorded the referral, assigned to it unless they said otherwise. */
  mediatorId?: string;
}

export type MediationReferred = DomainEvent<'MediationReferred', MediationReferredData>;
export type MediationMediatorAssigned = DomainEvent<'MediationMediatorAssigned', { mediatorId: string }>;
export type MediationSessionHeld = DomainEvent<'MediationSessionHeld', { heldOn: string; form: MediationSessionForm; note: string }>;
/** Both parties consented to extend the period by extraDays; agreedOn is the day they did. */
export type MediationExtended = DomainEvent<'MediationExtended', { extraDays: number; agreedOn: string; note?: string }>;
/** The amount won for workers (为职工争取经济利益), counted on agreedOn. */
export type MediationAgreementReached = DomainEvent<
  'MediationAgreementReached',
  { amountFen: number; agreedOn: string; paymentTerms: string }
>;
export type JudicialConfirmationApplied = DomainEvent<'JudicialConfirmationApplied', { on: string }>;
export type JudicialConfirmationGranted = DomainEvent<'JudicialConfirmationGranted', { on: string }>;
export type JudicialConfirmationRefused = DomainEvent<'JudicialConfirmationRefused', { on: string }>;
/** No agreement: the case returns to the court for filing. */
export type MediationFailed = DomainEvent<'MediationFailed', { reason: string; failedOn: string }>;
export type MediationWithdrawn = DomainEvent<'MediationWithdrawn', { withdrawnOn: string; reason?: string }>;

export type MediationEvent =
  | MediationReferred
  | MediationMediatorAssigned
  | MediationSessionHeld
  | MediationExtended
  | MediationAgreementReached
  | JudicialConfirmationApplied
  | JudicialConfirmationGranted
  | JudicialConfirmationRefused
  | MediationFailed
  | MediationWithdrawn
  // The statutory clocks' reminders and deadlines (libs/clocks), decided here when the clocks send them.
  | DeadlineEvent;

export type MediationEventType = MediationEvent['type'];
/** The mediation's own events (the clocks' ReminderDue and DeadlineReached leave its state as it was). */
export const MEDIATION_EVENT_TYPES: readonly MediationEventType[] = [
  'MediationReferred',
  'MediationMediatorAssigned',
  'MediationSessionHeld',
  'MediationExtended',
  'MediationAgreementReached',
  'JudicialConfirmationApplied',
  'JudicialConfirmationGranted',
  'JudicialConfirmationRefused',
  'MediationFailed',
  'MediationWithdrawn',
];

// ---- Commands -----------------------------------------------------------------------------------
/*
 * Each command is its use case's request (z.output of the schema in the use case's folder), plus
 * what the handler adds. The schemas check the fields; decide checks only what needs the
 * mediation's state, the clock or the actor.
 */

export type ReferMediation = CommandContext &
  Omit<ReferMediationRequest, 'assignToMe'> & {
    type: 'ReferMediation';
    mediationId: string;
    /** The mediator recording the referral, assigned to it (the handler decides; only they may be named here). */
    mediatorId?: string;
  };
/** mediatorId is an account's id: the handler has replaced `me` with the caller's. */
export type AssignMediationMediator = CommandContext & AssignMediationMediatorRequest & { type: 'AssignMediationMediator' };
export type HoldSession = CommandContext & HoldSessionRequest & { type: 'HoldSession' };
export type ExtendMediation = CommandContext & ExtendMediationRequest & { type: 'ExtendMediation' };
export type ReachAgreement = CommandContext & ReachAgreementRequest & { type: 'ReachAgreement' };
/** One step of the judicial confirmation: applied for, then granted or refused by the court. */
export type RecordJudicialConfirmation = CommandContext & RecordJudicialConfirmationRequest & { type: 'RecordJudicialConfirmation' };
export type FailMediation = CommandContext & FailMediationRequest & { type: 'FailMediation' };
export type WithdrawMediation = CommandContext & WithdrawMediationRequest & { type: 'WithdrawMediation' };

export type MediationCommand =
  | ReferMediation
  | AssignMediationMediator
  | HoldSession
  | ExtendMediation
  | ReachAgreement
  | RecordJudicialConfirmation
  | FailMediation
  | WithdrawMediation
  | DeadlineCommand;

// ---- State --------------------------------------------------------------------------------------

export interface NotReferred {
  status: 'not_referred';
}

/** referred: waiting for a mediator; in_progress: assigned or a session held; the rest are final. */
export type MediationStatus = 'referred' | 'in_progress' | 'agreed' | 'failed' | 'withdrawn';
export type JudicialConfirmationStatus = 'not_applied' | JudicialConfirmationStep;

export interface Mediation {
  status: MediationStatus;
  mediationId: string;
  court: string;
  courtCaseNo: string;
  referredOn: string;
  subDistrict: string;
  category: DisputeCategory;
  employer: Employer;
  workers: MediationWorker[];
  claimAmountFen: number;
  mediatorId: string | null;
  sessionsHeld: number;
  lastSessionOn: string | null;
  /** Days the one extension added; 0 without one. */
  extraDays: number;
  /** The day the parties agreed to the extension. */
  extendedOn: string | null;
  agreedOn: string | null;
  /** The agreed amount: the amount won for workers. */
  amountFen: number | null;
  paymentTerms: string | null;
  judicialConfirmation: JudicialConfirmationStatus;
  judicialConfirmationAppliedOn: string | null;
  /** The day the court granted or refused it. */
  judicialConfirmationDecidedOn: string | null;
  failedOn: string | null;
  failureReason: string | null;
  withdrawnOn: string | null;
  withdrawalReason: string | null;
}

export type MediationState = NotReferred | Mediation;

// ---- Clocks -------------------------------------------------------------------------------------

/** The last day of the mediation period: referredOn + 30 days + the extension's days. */
export function mediationDeadline(mediation: Pick<Mediation, 'referredOn' | 'extraDays'>): string {
  return addDays(mediation.referredOn, MEDIATION_PERIOD_DAYS + mediation.extraDays);
}

/** The last day to apply for judicial confirmation: agreedOn + 30 days; null without an agreement. */
export function judicialConfirmationDeadline(mediation: Pick<Mediation, 'agreedOn'>): string | null {
  return mediation.agreedOn === null ? null : addDays(mediation.agreedOn, JUDICIAL_CONFIRMATION_WINDOW_DAYS);
}

/** Whether the mediation period's clock runs: referred and not yet agreed, failed or withdrawn. */
export function isMediationRunning(state: MediationState): state is Mediation {
  return runs(state.status);
}

function runs(status: MediationState['status']): boolean {
  return status === 'referred' || status === 'in_progress';
}

/** Whether the judicial-confirmation window's clock runs: agreed, not yet applied for. */
export function awaitsJudicialConfirmation(state: MediationState): state is Mediation {
  return state.status === 'agreed' && state.judicialConfirmation === 'not_applied';
}

// ---- Decider ------------------------------------------------------------------------------------

function referred(state: MediationState): Mediation {
  if (state.status === 'not_referred') throw new DomainError('not_found', 'no such mediation');
  return state;
}

function endedOn(mediation: Mediation): string | null {
  return mediation.agreedOn ?? mediation.failedOn ?? mediation.withdrawnOn;
}

function requireRunning(mediation: Mediation, what: string): void {
  if (!runs(mediation.status)) {
    throw unprocessable(`mediation ${mediation.courtCaseNo} ended (${mediation.status} on ${endedOn(mediation)}): no ${what} after that`);
  }
}

/** Dates recorded on a mediation: real, not in the future, not before the referral. */
function refuseOutsideMediation(field: string, date: string, mediation: Mediation, now: Date): void {
  refuseFutureDate(field, date, now);
  refuseDateBefore(field, date, mediation.referredOn, 'the day the case was referred');
}

function refer(command: ReferMediation, state: MediationState): MediationEvent[] {
  // Recording a referral assigns only the mediator who records it; anyone else is an assignment.
  if (command.mediatorId !== undefined && (command.actor.role !== 'mediator' || command.mediatorId !== command.actor.id)) {
    throw invalidField('mediatorId', 'only the mediator recording a referral is assigned to it on recording');
  }

  if (state.status !== 'not_referred') throw new DomainError('conflict', `mediation ${state.courtCaseNo} was already referred`);
  refuseFutureDate('referredOn', command.referredOn, command.now);

  return [
    {
      type: 'MediationReferred',
      data: definedOnly<MediationReferredData>({
        mediationId: command.mediationId,
        court: command.court,
        courtCaseNo: command.courtCaseNo,
        referredOn: command.referredOn,
        subDistrict: command.subDistrict,
        category: command.category,
        employer: { name: command.employer.name, creditCode: command.employer.creditCode },
        workers: command.workers.map((w) => definedOnly({ name: w.name, idNumber: w.idNumber, phone: w.phone })),
        claimAmountFen: command.claimAmountFen,
        mediatorId: command.mediatorId,
      }),
    },
  ];
}

function assignMediator(command: AssignMediationMediator, state: MediationState): MediationEvent[] {
  const mediation = referred(state);
  refuseAssigningOthers(command.actor, command.mediatorId, 'a mediation');
  // An agreed mediation still has its judicial confirmation to see through, so it may change hands.
  if (mediation.status === 'failed' || mediation.status === 'withdrawn') {
    throw unprocessable(`mediation ${mediation.courtCaseNo} ended (${mediation.status} on ${endedOn(mediation)}): no assignment after that`);
  }
  // The one already assigned: a retried request appends nothing.
  if (mediation.mediatorId === command.mediatorId) return [];
  // A mediator takes unassigned work only: a colleague's mediation is reassigned by a supervisor.
  if (command.actor.role === 'mediator' && mediation.mediatorId !== null) {
    throw new DomainError('conflict', `mediation ${mediation.courtCaseNo} is assigned to another mediator already: a supervisor may reassign it`, [
      { field: 'mediatorId', message: 'the mediation has a mediator already' },
    ]);
  }
  return [{ type: 'MediationMediatorAssigned', data: { mediatorId: command.mediatorId } }];
}

function holdSession(command: HoldSession, state: MediationState): MediationEvent[] {
  const mediation = referred(state);
  requireRunning(mediation, 'session');
  refuseOutsideMediation('heldOn', command.heldOn, mediation, command.now);
  return [{ type: 'MediationSessionHeld', data: { heldOn: command.heldOn, form: command.form, note: command.note } }];
}

function extend(command: ExtendMediation, state: MediationState): MediationEvent[] {
  const mediation = referred(state);
  requireRunning(mediation, 'extension');
  if (mediation.extraDays > 0) {
    throw unprocessable(`mediation ${mediation.courtCaseNo} was already extended once (by ${mediation.extraDays} days on ${mediation.extendedOn})`);
  }
  refuseOutsideMediation('agreedOn', command.agreedOn, mediation, command.now);
  // The parties must agree while the period still runs; its last day still counts.
  const deadline = mediationDeadline(mediation);
  if (command.agreedOn > deadline) {
    throw unprocessable(`agreedOn ${command.agreedOn} is after the mediation period ended (${deadline}): it can no longer be extended`, 'agreedOn');
  }
  return [
    {
      type: 'MediationExtended',
      data: definedOnly({ extraDays: command.extraDays, agreedOn: command.agreedOn, note: command.note }),
    },
  ];
}

function reachAgreement(command: ReachAgreement, state: MediationState): MediationEvent[] {
  const mediation = referred(state);
  requireRunning(mediation, 'agreement');
  refuseOutsideMediation('agreedOn', command.agreedOn, mediation, command.now);
  return [
    {
      type: 'MediationAgreementReached',
      data: { amountFen: command.amountFen, agreedOn: command.agreedOn, paymentTerms: command.paymentTerms },
    },
  ];
}

function recordJudicialConfirmation(command: RecordJudicialConfirmation, state: MediationState): MediationEvent[] {
  const mediation = referred(state);
  if (mediation.status !== 'agreed' || mediation.agreedOn === null) {
    throw unprocessable(`mediation ${mediation.courtCaseNo} is ${mediation.status}: judicial confirmation needs an agreement`, 'status');
  }
  refuseFutureDate('on', command.on, command.now);

  if (command.status === 'applied') {
    if (mediation.judicialConfirmation !== 'not_applied') {
      throw unprocessable(`judicial confirmation was already applied for on ${mediation.judicialConfirmationAppliedOn}`, 'status');
    }
    refuseDateBefore('on', command.on, mediation.agreedOn, 'the day of the agreement');
    const deadline = judicialConfirmationDeadline(mediation) as string;
    if (command.on > deadline) {
      throw unprocessable(
        `on ${command.on} is more than ${JUDICIAL_CONFIRMATION_WINDOW_DAYS} days after the agreement of ${mediation.agreedOn}: the window closed on ${deadline}`,
        'on',
      );
    }
    return [{ type: 'JudicialConfirmationApplied', data: { on: command.on } }];
  }

  if (mediation.judicialConfirmation === 'not_applied') {
    throw unprocessable(`judicial confirmation was not applied for: record the application before the court's decision`, 'status');
  }
  if (mediation.judicialConfirmation !== 'applied') {
    throw unprocessable(`the court already decided (${mediation.judicialConfirmation} on ${mediation.judicialConfirmationDecidedOn})`, 'status');
  }
  refuseDateBefore('on', command.on, mediation.judicialConfirmationAppliedOn as string, 'the day judicial confirmation was applied for');
  return [
    command.status === 'granted'
      ? { type: 'JudicialConfirmationGranted', data: { on: command.on } }
      : { type: 'JudicialConfirmationRefused', data: { on: command.on } },
  ];
}

function fail(command: FailMediation, state: MediationState): MediationEvent[] {
  const mediation = referred(state);
  requireRunning(mediation, 'failure');
  refuseOutsideMediation('failedOn', command.failedOn, mediation, command.now);
  return [{ type: 'MediationFailed', data: { reason: command.reason, failedOn: command.failedOn } }];
}

function withdraw(command: WithdrawMediation, state: MediationState): MediationEvent[] {
  const mediation = referred(state);
  requireRunning(mediation, 'withdrawal');
  const withdrawnOn = command.withdrawnOn ?? today(command.now);
  refuseOutsideMediation('withdrawnOn', withdrawnOn, mediation, command.now);
  return [{ type: 'MediationWithdrawn', data: definedOnly({ withdrawnOn, reason: command.reason }) }];
}

function evolveReferred(mediation: Mediation, event: Exclude<MediationEvent, MediationReferred>): Mediation {
  switch (event.type) {
    case 'MediationMediatorAssigned':
      return {
        ...mediation,
        mediatorId: event.data.mediatorId,
        status: mediation.status === 'referred' ? 'in_progress' : mediation.status,
      };
    case 'MediationSessionHeld':
      return {
        ...mediation,
        status: mediation.status === 'referred' ? 'in_progress' : mediation.status,
        sessionsHeld: mediation.sessionsHeld + 1,
        lastSessionOn: mediation.lastSessionOn === null || event.data.heldOn > mediation.lastSessionOn ? event.data.heldOn : mediation.lastSessionOn,
      };
    case 'MediationExtended':
      return { ...mediation, extraDays: event.data.extraDays, extendedOn: event.data.agreedOn };
    case 'MediationAgreementReached':
      return {
        ...mediation,
        status: 'agreed',
        agreedOn: event.data.agreedOn,
        amountFen: event.data.amountFen,
        paymentTerms: event.data.paymentTerms,
      };
    case 'JudicialConfirmationApplied':
      return { ...mediation, judicialConfirmation: 'applied', judicialConfirmationAppliedOn: event.data.on };
    case 'JudicialConfirmationGranted':
      return { ...mediation, judicialConfirmation: 'granted', judicialConfirmationDecidedOn: event.data.on };
    case 'JudicialConfirmationRefused':
      return { ...mediation, judicialConfirmation: 'refused', judicialConfirmationDecidedOn: event.data.on };
    case 'MediationFailed':
      return { ...mediation, status: 'failed', failedOn: event.data.failedOn, failureReason: event.data.reason };
    case 'MediationWithdrawn':
      return { ...mediation, status: 'withdrawn', withdrawnOn: event.data.withdrawnOn, withdrawalReason: event.data.reason ?? null };
    default:
      // The statutory clocks' ReminderDue and DeadlineReached, and whatever else others append: no change.
      return mediation;
  }
}

export const mediation: Decider<MediationCommand, MediationEvent, MediationState> = {
  initialState: () => ({ status: 'not_referred' }),

  decide(command, state) {
    switch (command.type) {
      case 'ReferMediation':
        return refer(command, state);
      case 'AssignMediationMediator':
        return assignMediator(command, state);
      case 'HoldSession':
        return holdSession(command, state);
      case 'ExtendMediation':
        return extend(command, state);
      case 'ReachAgreement':
        return reachAgreement(command, state);
      case 'RecordJudicialConfirmation':
        return recordJudicialConfirmation(command, state);
      case 'FailMediation':
        return fail(command, state);
      case 'WithdrawMediation':
        return withdraw(command, state);
      case 'RemindOfDeadline':
      case 'MarkDeadlineReached':
        // Whether the clock still runs, and was noted already, the clocks derive from these same events.
        referred(state);
        return decideDeadline(command);
    }
  },

  evolve(state, event) {
    if (event.type === 'MediationReferred') {
      const d = event.data;
      return {
        // Referred with its mediator (recorded by them): in their hands from the start.
        status: d.mediatorId ? 'in_progress' : 'referred',
        mediationId: d.mediationId,
        court: d.court,
        courtCaseNo: d.courtCaseNo,
        referredOn: d.referredOn,
        subDistrict: d.subDistrict,
        category: d.category,
        employer: d.employer,
        workers: d.workers,
        claimAmountFen: d.claimAmountFen,
        mediatorId: d.mediatorId ?? null,
        sessionsHeld: 0,
        lastSessionOn: null,
        extraDays: 0,
        extendedOn: null,
        agreedOn: null,
        amountFen: null,
        paymentTerms: null,
        judicialConfirmation: 'not_applied',
        judicialConfirmationAppliedOn: null,
        judicialConfirmationDecidedOn: null,
        failedOn: null,
        failureReason: null,
        withdrawnOn: null,
        withdrawalReason: null,
      };
    }
    // Clock events never come before the referral, but a stream of only foreign events is not corrupt.
    if (state.status === 'not_referred') {
      if ((MEDIATION_EVENT_TYPES as readonly string[]).includes(event.type)) {
        throw new Error(`${event.type} on a mediation stream that was never referred`);
      }
      return state;
    }
    return evolveReferred(state, event);
  },
};
