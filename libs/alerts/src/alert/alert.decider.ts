import { CommandContext, Decider, DomainError, DomainEvent, shanghaiInstant, unprocessable } from '@lc/decider';
import type { OpeningFromRecord } from '@lc/disputes/domain';
import { ALERT_SIGNALS, AlertGrade, AlertSignal, DisputeCategory, definedOnly, refuseFutureInstant } from '@lc/reference-data';
import conversion from '../locales/conversion.json';
import { RiskAssessment, RiskFactor, RiskWeights, assessRisk, riskWeightsProblems } from '../risk-weights/risk-weights';
import type { ConvertAlertRequest } from '../convert-alert/convert-alert.schema';
import type { SubmitAlertRequest } from '../submit-alert/submit-alert.schema';
import type { DismissAlertRequest, EscalateAlertRequest, VerifyAlertRequest } from '../triage-alert/triage-alert.schema';

/** An instant the alert holds (ISO, UTC), as messages give every time: China time, +08:00. */
function inChinaTime(instant: string | null | undefined): string {
  return instant ? shanghaiInstant(new Date(instant)) : String(instant);
}

/*
 * An early-warning alert (预警信息) from an informant inside an enterprise, one stream per alert:
 * `alert-<uuid>`. It is submitted and graded in one step (the grade and the points that made it are
 * stored, so a later change of weights never rewrites history), then triaged: acknowledged (picked
 * up), verified, escalated to supervisors, and closed exactly once, dismissed or converted into a
 * dispute case that names it as its source.
 *
 * A red or yellow alert must be picked up by its pickupDeadlineAt; when it is not, the clocks
 * (libs/clocks, alert_pickup) send EscalateAlert {reason: 'not_acknowledged_in_time'}, which this
 * decider turns into AlertEscalated. Instants are ISO 8601 in UTC.
 */

export const ALERT_STREAM_PREFIX = 'alert-';
export const alertStreamId = (alertId: string): string => `${ALERT_STREAM_PREFIX}${alertId}`;

export interface Enterprise {
  name: string;
  /** Unified Social Credit Code, upper case, check character verified. */
  creditCode: string;
}

/** Where the informant was: a phone's position, or words ("B栋宿舍门口"). */
export type AlertLocation = { lat: number; lng: number } | { text: string };

export type EscalationReason = 'not_acknowledged_in_time' | 'manual';

/** How long after submission an alert of each grade must be picked up, in minutes (from config). Green alerts have no deadline. */
export interface PickupPolicy {
  red: number;
  yellow: number;
}

// ---- Events -------------------------------------------------------------------------------------

export interface AlertSubmittedData {
  alertId: string;
  informantId: string;
  enterprise: Enterprise;
  subDistrict: string;
  signals: AlertSignal[];
  workersAffected: number;
  description: string;
  observedAt: string;
  location?: AlertLocation;
  submittedAt: string;
}

export interface AlertGradedData extends RiskAssessment {
  /** When it must be acknowledged by (red and yellow), from the pick-up policy in force at submission. */
  pickupDeadlineAt?: string;
}

export type AlertSubmitted = DomainEvent<'AlertSubmitted', AlertSubmittedData>;
export type AlertGraded = DomainEvent<'AlertGraded', AlertGradedData>;
/** `by`: the account that picked it up. */
export type AlertAcknowledged = DomainEvent<'AlertAcknowledged', { acknowledgedAt: string; by: string }>;
export type AlertVerified = DomainEvent<'AlertVerified', { verifiedAt: string; note?: string }>;
export type AlertDismissed = DomainEvent<'AlertDismissed', { reason: string; dismissedAt: string }>;
export type AlertEscalated = DomainEvent<'AlertEscalated', { escalatedAt: string; reason: EscalationReason; note?: string }>;
export type AlertConverted = DomainEvent<'AlertConverted', { disputeId: string; convertedAt: string }>;

export type AlertEvent =
  | AlertSubmitted
  | AlertGraded
  | AlertAcknowledged
  | AlertVerified
  | AlertDismissed
  | AlertEscalated
  | AlertConverted;
export type AlertEventType = AlertEvent['type'];
export const ALERT_EVENT_TYPES: readonly AlertEventType[] = [
  'AlertSubmitted',
  'AlertGraded',
  'AlertAcknowledged',
  'AlertVerified',
  'AlertDismissed',
  'AlertEscalated',
  'AlertConverted',
];

// ---- Commands -----------------------------------------------------------------------------------
/*
 * Each command is its use case's request (z.output of the schema in the use case's folder), plus
 * what the handler adds. The schemas check the fields; decide checks only what needs the alert's
 * state or the clock.
 */

export type SubmitAlert = CommandContext &
  SubmitAlertRequest & {
    type: 'SubmitAlert';
    alertId: string;
    /** The informant's account id. */
    informantId: string;
    /** The weights in force (reference data, loaded by the handler). */
    weights: RiskWeights;
    pickupWithinMinutes: PickupPolicy;
  };

/** Its request has no fields (acknowledgeAlertSchema): who and when are the context's. */
export type AcknowledgeAlert = CommandContext & { type: 'AcknowledgeAlert' };
export type VerifyAlert = CommandContext & VerifyAlertRequest & { type: 'VerifyAlert' };
export type DismissAlert = CommandContext & DismissAlertRequest & { type: 'DismissAlert' };

/** By hand (manual), or by the clocks when the pick-up deadline passed (not_acknowledged_in_time). */
export type EscalateAlert = CommandContext &
  EscalateAlertRequest & {
    type: 'EscalateAlert';
    /** Default manual; only the clocks send not_acknowledged_in_time (the request schema has no such field). */
    reason?: EscalationReason;
  };

/** Made by the handler alone (no request of its own): the case's id is derived from the alert's. */
export interface ConvertAlert extends CommandContext {
  type: 'ConvertAlert';
  /** The dispute case the handler opens for it (source {kind: 'alert', id}). */
  disputeId: string;
}

export type AlertCommand = SubmitAlert | AcknowledgeAlert | VerifyAlert | DismissAlert | EscalateAlert | ConvertAlert;

// ---- State --------------------------------------------------------------------------------------

export interface NotSubmitted {
  status: 'not_submitted';
}

/** submitted: waiting to be picked up; acknowledged and verified: being worked; dismissed and converted: closed. */
export type AlertStatus = 'submitted' | 'acknowledged' | 'verified' | 'dismissed' | 'converted';

export interface Escalation {
  escalatedAt: string;
  reason: EscalationReason;
  note: string | null;
}

export interface Alert {
  status: AlertStatus;
  alertId: string;
  informantId: string;
  enterprise: Enterprise;
  subDistrict: string;
  signals: AlertSignal[];
  workersAffected: number;
  description: string;
  observedAt: string;
  location: AlertLocation | null;
  submittedAt: string;
  /** Null only between AlertSubmitted and AlertGraded, which are appended together. */
  grade: AlertGrade | null;
  points: number | null;
  breakdown: RiskFactor[];
  weightsVersion: number | null;
  pickupDeadlineAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  verifiedAt: string | null;
  verificationNote: string | null;
  dismissedAt: string | null;
  dismissalReason: string | null;
  escalations: Escalation[];
  convertedAt: string | null;
  /** The dispute case it became. */
  disputeId: string | null;
}

export type AlertState = NotSubmitted | Alert;

export const isClosed = (alert: Alert): boolean => alert.status === 'dismissed' || alert.status === 'converted';

// ---- Decider ------------------------------------------------------------------------------------

function submitted(state: AlertState): Alert {
  if (state.status === 'not_submitted') throw new DomainError('not_found', 'no such alert');
  return state;
}

function requireOpen(alert: Alert, what: string): void {
  if (alert.status === 'dismissed') throw unprocessable(`the alert was dismissed at ${inChinaTime(alert.dismissedAt)}: it cannot be ${what}`);
  if (alert.status === 'converted') {
    throw unprocessable(`the alert was converted into dispute case ${alert.disputeId} at ${inChinaTime(alert.convertedAt)}: it cannot be ${what}`);
  }
}

function submit(command: SubmitAlert, state: AlertState): AlertEvent[] {
  // The weights and policy are the system's, not the informant's: a bad set is a bug, not a 400.
  const weightProblems = riskWeightsProblems(command.weights);
  if (weightProblems.length) throw new Error(`risk weights version ${command.weights.version} are unusable: ${JSON.stringify(weightProblems)}`);
  if (!(command.pickupWithinMinutes.red > 0) || !(command.pickupWithinMinutes.yellow > 0)) throw new Error('pick-up deadlines must be positive');

  if (state.status !== 'not_submitted') throw new DomainError('conflict', 'the alert was already submitted');
  refuseFutureInstant('observedAt', command.observedAt, command.now);

  // In the order of the reference list, whatever order the phone sent them in.
  const signals = ALERT_SIGNALS.filter((code) => command.signals.includes(code));
  const assessment = assessRisk(signals, command.workersAffected, command.weights);
  const minutes = assessment.grade === 'green' ? undefined : command.pickupWithinMinutes[assessment.grade];
  const location: AlertLocation | undefined =
    command.location === undefined ? undefined : 'text' in command.location ? { text: command.location.text } : { lat: command.location.lat, lng: command.location.lng };
  return [
    {
      type: 'AlertSubmitted',
      data: definedOnly<AlertSubmittedData>({
        alertId: command.alertId,
        informantId: command.informantId,
        enterprise: { name: command.enterprise.name, creditCode: command.enterprise.creditCode },
        subDistrict: command.subDistrict,
        signals,
        workersAffected: command.workersAffected,
        description: command.description,
        observedAt: new Date(command.observedAt).toISOString(),
        location,
        submittedAt: command.now.toISOString(),
      }),
    },
    {
      type: 'AlertGraded',
      data: definedOnly<AlertGradedData>({
        grade: assessment.grade,
        points: assessment.points,
        breakdown: assessment.breakdown,
        weightsVersion: assessment.weightsVersion,
        pickupDeadlineAt: minutes === undefined ? undefined : new Date(command.now.getTime() + minutes * 60_000).toISOString(),
      }),
    },
  ];
}

function acknowledge(command: AcknowledgeAlert, state: AlertState): AlertEvent[] {
  const alert = submitted(state);
  requireOpen(alert, 'acknowledged');
  if (alert.acknowledgedAt) throw unprocessable(`the alert was already acknowledged at ${inChinaTime(alert.acknowledgedAt)}`);
  return [{ type: 'AlertAcknowledged', data: { acknowledgedAt: command.now.toISOString(), by: command.actor.id } }];
}

function verify(command: VerifyAlert, state: AlertState): AlertEvent[] {
  const alert = submitted(state);
  requireOpen(alert, 'verified');
  if (alert.verifiedAt) throw unprocessable(`the alert was already verified at ${inChinaTime(alert.verifiedAt)}`);
  const at = command.now.toISOString();
  // Checking an alert on site is picking it up: an unacknowledged one is acknowledged first, which stops its pick-up clock.
  const pickUp: AlertEvent[] = alert.acknowledgedAt ? [] : [{ type: 'AlertAcknowledged', data: { acknowledgedAt: at, by: command.actor.id } }];
  return [...pickUp, { type: 'AlertVerified', data: definedOnly({ verifiedAt: at, note: command.note }) }];
}

function dismiss(command: DismissAlert, state: AlertState): AlertEvent[] {
  const alert = submitted(state);
  requireOpen(alert, 'dismissed');
  return [{ type: 'AlertDismissed', data: { reason: command.reason, dismissedAt: command.now.toISOString() } }];
}

function escalate(command: EscalateAlert, state: AlertState): AlertEvent[] {
  const alert = submitted(state);
  requireOpen(alert, 'escalated');
  if (command.reason === 'not_acknowledged_in_time') return escalateMissedPickup(command, alert);
  // Supervisors hear of an alert once by hand; the clocks' escalation for a missed deadline is a fact of its own.
  const manual = alert.escalations.find((e) => e.reason === 'manual');
  if (manual) throw unprocessable(`the alert was already escalated at ${inChinaTime(manual.escalatedAt)}`);
  return [{ type: 'AlertEscalated', data: definedOnly({ escalatedAt: command.now.toISOString(), reason: 'manual' as const, note: command.note }) }];
}

/**
 * The clocks' escalation when the pick-up deadline passed (they send it at the deadline, and only
 * while nobody has picked the alert up): once per alert, as the deadline never moves.
 */
function escalateMissedPickup(command: EscalateAlert, alert: Alert): AlertEvent[] {
  if (!alert.pickupDeadlineAt) throw unprocessable('the alert has no pick-up deadline (green)');
  if (alert.acknowledgedAt) throw unprocessable(`the alert was picked up at ${inChinaTime(alert.acknowledgedAt)}`);
  if (alert.escalations.some((e) => e.reason === 'not_acknowledged_in_time')) return [];
  return [{ type: 'AlertEscalated', data: { escalatedAt: command.now.toISOString(), reason: 'not_acknowledged_in_time' as const } }];
}

function convert(command: ConvertAlert, state: AlertState): AlertEvent[] {
  const alert = submitted(state);
  requireOpen(alert, 'converted');
  return [{ type: 'AlertConverted', data: { disputeId: command.disputeId, convertedAt: command.now.toISOString() } }];
}

export const alert: Decider<AlertCommand, AlertEvent, AlertState> = {
  initialState: () => ({ status: 'not_submitted' }),

  decide(command, state) {
    switch (command.type) {
      case 'SubmitAlert':
        return submit(command, state);
      case 'AcknowledgeAlert':
        return acknowledge(command, state);
      case 'VerifyAlert':
        return verify(command, state);
      case 'DismissAlert':
        return dismiss(command, state);
      case 'EscalateAlert':
        return escalate(command, state);
      case 'ConvertAlert':
        return convert(command, state);
    }
  },

  evolve(state, event) {
    if (event.type === 'AlertSubmitted') {
      const d = event.data;
      return {
        status: 'submitted',
        alertId: d.alertId,
        informantId: d.informantId,
        enterprise: d.enterprise,
        subDistrict: d.subDistrict,
        signals: d.signals,
        workersAffected: d.workersAffected,
        description: d.description,
        observedAt: d.observedAt,
        location: d.location ?? null,
        submittedAt: d.submittedAt,
        grade: null,
        points: null,
        breakdown: [],
        weightsVersion: null,
        pickupDeadlineAt: null,
        acknowledgedAt: null,
        acknowledgedBy: null,
        verifiedAt: null,
        verificationNote: null,
        dismissedAt: null,
        dismissalReason: null,
        escalations: [],
        convertedAt: null,
        disputeId: null,
      };
    }
    if (!ALERT_EVENT_TYPES.includes(event.type)) return state;
    if (state.status === 'not_submitted') throw new Error(`${event.type} on an alert stream that was never submitted`);
    switch (event.type) {
      case 'AlertGraded':
        return {
          ...state,
          grade: event.data.grade,
          points: event.data.points,
          breakdown: event.data.breakdown,
          weightsVersion: event.data.weightsVersion,
          pickupDeadlineAt: event.data.pickupDeadlineAt ?? null,
        };
      case 'AlertAcknowledged':
        return { ...state, status: 'acknowledged', acknowledgedAt: event.data.acknowledgedAt, acknowledgedBy: event.data.by };
      case 'AlertVerified':
        return { ...state, status: 'verified', verifiedAt: event.data.verifiedAt, verificationNote: event.data.note ?? null };
      case 'AlertDismissed':
        return { ...state, status: 'dismissed', dismissedAt: event.data.dismissedAt, dismissalReason: event.data.reason };
      case 'AlertEscalated':
        return {
          ...state,
          escalations: [...state.escalations, { escalatedAt: event.data.escalatedAt, reason: event.data.reason, note: event.data.note ?? null }],
        };
      case 'AlertConverted':
        return { ...state, status: 'converted', convertedAt: event.data.convertedAt, disputeId: event.data.disputeId };
      default:
        // Events others append to the stream (none yet; the clocks' DeadlineReached for other kinds) leave it alone.
        return state;
    }
  },
};

// ---- Conversion into a dispute case -------------------------------------------------------------

/**
 * The dispute category an alert's signals most likely lead to, when the conversion does not say:
 * unpaid wages first (by far the most common dispute), then social insurance, then the
 * compensation owed when a business moves, shuts or lays off.
 */
export function disputeCategoryForSignals(signals: readonly AlertSignal[]): DisputeCategory {
  const has = (...codes: AlertSignal[]) => codes.some((code) => signals.includes(code));
  if (has('wage_delay', 'owner_unreachable')) return 'wage_arrears';
  if (has('social_insurance_unpaid')) return 'social_insurance';
  if (has('relocation_planned', 'shutdown_planned', 'layoffs')) return 'termination_compensation';
  return 'other';
}

/** What a conversion may add to the alert (the request body); everything has a default from the alert. */
export type AlertConversionDetails = ConvertAlertRequest;

/**
 * The OpenDispute fields for an alert being converted: channel informant_alert, the alert's
 * sub-district and enterprise, its workers affected and description unless the details say
 * otherwise, and the alert as source. An alert names no workers: until the mediator records
 * them, the case's one claimant stands for the workers affected as a group.
 *
 * Order for the handler (as for complaints): decide OpenDispute against the initial state first
 * (a dry run that surfaces bad details before anything is written), then append AlertConverted at
 * the alert's version (which settles a race between two conversions), then open the case.
 */
export function disputeFromAlert(alert: Alert, details: AlertConversionDetails): OpeningFromRecord {
  return definedOnly({
    channel: 'informant_alert' as const,
    subDistrict: alert.subDistrict,
    employer: { name: alert.enterprise.name, creditCode: alert.enterprise.creditCode },
    category: details.category ?? disputeCategoryForSignals(alert.signals),
    workersInvolved: details.workersInvolved ?? alert.workersAffected,
    amountClaimedFen: details.amountClaimedFen ?? 0,
    summary: details.summary ?? alert.description,
    openedOn: details.openedOn,
    claimants: details.claimants ?? [{ name: conversion.unidentifiedWorkers.zh }],
    infringementKnownOn: details.infringementKnownOn,
    source: { kind: 'alert' as const, id: alert.alertId },
  });
}
