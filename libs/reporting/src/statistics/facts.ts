import { daysBetween, isIsoDate, shanghaiDate } from '@lc/decider';
import { GROUP_DISPUTE_THRESHOLD } from '@lc/parties';
import { Contribution, METRIC } from './metrics';

/*
 * What the statistics need to remember of each record (a "fact"), how each event changes it, and
 * which counters a fact adds to (its contributions). Pure: no I/O.
 *
 * The counters are, by construction, the sum of every fact's contributions. When an event changes
 * a fact, the projection takes the contributions away as they were and adds them as they are now;
 * so a reopened case's resolution leaves the day it was counted on, a re-resolution counts on its
 * new day, a grade given later moves the alert from "not graded" to its colour, and so on.
 */

export interface StatEvent {
  type: string;
  data: Record<string, unknown>;
  streamId: string;
  recordedAt: Date;
}

/** A Shanghai day from a date ('2022-05-31'), an instant ('2022-05-31T16:30:00Z' → 2022-06-01), else the recording day. */
export function dayOf(value: unknown, fallback: Date): string {
  if (isIsoDate(value)) return value;
  if (typeof value === 'string') {
    const instant = new Date(value);
    if (!Number.isNaN(instant.getTime())) return shanghaiDate(instant);
  }
  return shanghaiDate(fallback);
}

function instantOf(value: unknown, fallback: Date): Date {
  if (typeof value === 'string') {
    const instant = new Date(value);
    if (!Number.isNaN(instant.getTime())) return instant;
  }
  return fallback;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

// ---- Dispute cases ------------------------------------------------------------------------------

// GroupDisputeFlagged is not among them: what counts is the number of workers the case has (below).
export const DISPUTE_FACT_EVENTS = [
  'DisputeOpened',
  'WorkersInvolvedChanged',
  'RecoveryRecorded',
  'DisputeResolved',
  'DisputeReopened',
] as const;

export interface DisputeFact {
  streamId: string;
  disputeId: string;
  subDistrict: string;
  category: string;
  channel: string;
  employerName: string;
  employerCreditCode: string;
  openedOn: string;
  workersInvolved: number;
  /**
   * 30 or more workers involved (涉及职工30人以上), by the case's current count: a count corrected
   * down below 30 takes the case out of the figure, although the case's flag (which escalated it)
   * stays. The count can only change while the case is open, so it is the count at resolution.
   */
  groupDispute: boolean;
  /** The current (last) resolution; null while open, also after a reopen. */
  resolvedOn: string | null;
  outcome: string | null;
  /** Fen recovered, by the Shanghai day they were recovered on. */
  recoveries: Record<string, number>;
  amountRecoveredFen: number;
}

export function evolveDispute(fact: DisputeFact | undefined, event: StatEvent): DisputeFact | undefined {
  const d = event.data;
  if (event.type === 'DisputeOpened') {
    const employer = (d.employer ?? {}) as Record<string, unknown>;
    const workers = count(d.workersInvolved);
    return {
      streamId: event.streamId,
      disputeId: text(d.disputeId) ?? event.streamId,
      subDistrict: text(d.subDistrict) ?? '',
      category: text(d.category) ?? '',
      channel: text(d.channel) ?? '',
      employerName: text(employer.name) ?? '',
      employerCreditCode: text(employer.creditCode) ?? '',
      openedOn: dayOf(d.openedOn, event.recordedAt),
      workersInvolved: workers,
      groupDispute: workers >= GROUP_DISPUTE_THRESHOLD,
      resolvedOn: null,
      outcome: null,
      recoveries: {},
      amountRecoveredFen: 0,
    };
  }
  // A stream that was never opened (corrupt, or cut by a filter) has nothing to count.
  if (!fact) return fact;
  switch (event.type) {
    case 'WorkersInvolvedChanged': {
      const workers = count(d.workersInvolved);
      return { ...fact, workersInvolved: workers, groupDispute: workers >= GROUP_DISPUTE_THRESHOLD };
    }
    case 'RecoveryRecorded': {
      const day = dayOf(d.recoveredOn, event.recordedAt);
      const amount = count(d.amountFen);
      return {
        ...fact,
        recoveries: { ...fact.recoveries, [day]: (fact.recoveries[day] ?? 0) + amount },
        amountRecoveredFen: fact.amountRecoveredFen + amount,
      };
    }
    case 'DisputeResolved':
      return { ...fact, resolvedOn: dayOf(d.resolvedOn, event.recordedAt), outcome: text(d.outcome) ?? '' };
    case 'DisputeReopened':
      return { ...fact, resolvedOn: null, outcome: null };
    default:
      return fact;
  }
}

export function disputeContributions(fact: DisputeFact | undefined): Contribution[] {
  if (!fact) return [];
  const dims = { subDistrict: fact.subDistrict, category: fact.category, channel: fact.channel, detail: '' };
  const out: Contribution[] = [{ ...dims, day: fact.openedOn, metric: METRIC.disputeOpened, value: 1 }];
  if (fact.groupDispute) out.push({ ...dims, day: fact.openedOn, metric: METRIC.disputeGroupOpened, value: 1 });
  if (fact.resolvedOn) {
    const day = fact.resolvedOn;
    out.push({ ...dims, day, detail: fact.outcome ?? '', metric: METRIC.disputeResolved, value: 1 });
    if (fact.groupDispute) out.push({ ...dims, day, metric: METRIC.disputeResolvedGroup, value: 1 });
    out.push({ ...dims, day, metric: METRIC.disputeDaysToResolve, value: Math.max(0, daysBetween(fact.openedOn, day)) });
  }
  for (const [day, fen] of Object.entries(fact.recoveries)) out.push({ ...dims, day, metric: METRIC.disputeRecoveredFen, value: fen });
  return out;
}

// ---- Complaints ---------------------------------------------------------------------------------

export const COMPLAINT_FACT_EVENTS = ['ComplaintReceived', 'ComplaintHandled', 'ComplaintConverted'] as const;

export interface ComplaintFact {
  streamId: string;
  subDistrict: string;
  source: string;
  receivedOn: string;
  closedOn: string | null;
  /** handled: answered and closed; converted: turned into a dispute case. */
  closedAs: 'handled' | 'converted' | null;
}

export function evolveComplaint(fact: ComplaintFact | undefined, event: StatEvent): ComplaintFact | undefined {
  const d = event.data;
  if (event.type === 'ComplaintReceived') {
    return {
      streamId: event.streamId,
      subDistrict: text(d.subDistrict) ?? '',
      source: text(d.source) ?? 'other',
      receivedOn: dayOf(d.receivedAt, event.recordedAt),
      closedOn: null,
      closedAs: null,
    };
  }
  if (!fact) return fact;
  switch (event.type) {
    case 'ComplaintHandled':
      return { ...fact, closedOn: dayOf(d.handledOn, event.recordedAt), closedAs: 'handled' };
    case 'ComplaintConverted':
      return { ...fact, closedOn: dayOf(d.convertedOn, event.recordedAt), closedAs: 'converted' };
    default:
      return fact;
  }
}

export function complaintContributions(fact: ComplaintFact | undefined): Contribution[] {
  if (!fact) return [];
  const dims = { subDistrict: fact.subDistrict, category: '', channel: fact.source };
  const out: Contribution[] = [{ ...dims, day: fact.receivedOn, detail: '', metric: METRIC.complaintReceived, value: 1 }];
  if (fact.closedOn && fact.closedAs) out.push({ ...dims, day: fact.closedOn, detail: fact.closedAs, metric: METRIC.complaintHandled, value: 1 });
  return out;
}

// ---- Pre-litigation mediations ------------------------------------------------------------------

export const MEDIATION_FACT_EVENTS = ['MediationReferred', 'MediationAgreementReached', 'MediationFailed', 'MediationWithdrawn'] as const;

export interface MediationFact {
  streamId: string;
  subDistrict: string;
  category: string;
  employerName: string;
  employerCreditCode: string;
  referredOn: string;
  endedOn: string | null;
  endedAs: 'agreement' | 'failed' | 'withdrawn' | null;
  agreedOn: string | null;
  amountFen: number | null;
}

export function evolveMediation(fact: MediationFact | undefined, event: StatEvent): MediationFact | undefined {
  const d = event.data;
  if (event.type === 'MediationReferred') {
    const employer = (d.employer ?? {}) as Record<string, unknown>;
    return {
      streamId: event.streamId,
      subDistrict: text(d.subDistrict) ?? '',
      category: text(d.category) ?? '',
      employerName: text(employer.name) ?? '',
      employerCreditCode: text(employer.creditCode) ?? '',
      referredOn: dayOf(d.referredOn, event.recordedAt),
      endedOn: null,
      endedAs: null,
      agreedOn: null,
      amountFen: null,
    };
  }
  // A mediation ends once (the decider sees to it); the first end is the one that counts.
  if (!fact || fact.endedAs) return fact;
  switch (event.type) {
    case 'MediationAgreementReached': {
      const agreedOn = dayOf(d.agreedOn, event.recordedAt);
      return { ...fact, endedOn: agreedOn, endedAs: 'agreement', agreedOn, amountFen: count(d.amountFen) };
    }
    case 'MediationFailed':
      return { ...fact, endedOn: dayOf(d.failedOn, event.recordedAt), endedAs: 'failed' };
    case 'MediationWithdrawn':
      return { ...fact, endedOn: dayOf(d.withdrawnOn, event.recordedAt), endedAs: 'withdrawn' };
    default:
      return fact;
  }
}

export function mediationContributions(fact: MediationFact | undefined): Contribution[] {
  if (!fact) return [];
  const dims = { subDistrict: fact.subDistrict, category: fact.category, channel: '', detail: '' };
  const out: Contribution[] = [{ ...dims, day: fact.referredOn, metric: METRIC.mediationReferred, value: 1 }];
  if (fact.endedOn && fact.endedAs) out.push({ ...dims, day: fact.endedOn, detail: fact.endedAs, metric: METRIC.mediationConcluded, value: 1 });
  if (fact.agreedOn && fact.amountFen) out.push({ ...dims, day: fact.agreedOn, metric: METRIC.mediationAgreedFen, value: fact.amountFen });
  return out;
}

// ---- Early-warning alerts -----------------------------------------------------------------------

export const ALERT_FACT_EVENTS = [
  'AlertSubmitted',
  'AlertGraded',
  'AlertAcknowledged',
  'AlertEscalated',
  'AlertConverted',
  'AlertDismissed',
] as const;

export interface AlertFact {
  streamId: string;
  alertId: string;
  informantId: string | null;
  subDistrict: string;
  enterpriseName: string | null;
  creditCode: string | null;
  workersAffected: number;
  submittedAt: Date;
  submittedOn: string;
  grade: string | null;
  points: number | null;
  acknowledgedAt: Date | null;
  acknowledgedOn: string | null;
  /** Seconds from submission to the first acknowledgement: the "how fast picked up" figure. */
  ackSeconds: number | null;
  escalatedOn: string | null;
  convertedOn: string | null;
  dismissedOn: string | null;
}

export function evolveAlert(fact: AlertFact | undefined, event: StatEvent): AlertFact | undefined {
  const d = event.data;
  if (event.type === 'AlertSubmitted') {
    const enterprise = (d.enterprise ?? {}) as Record<string, unknown>;
    const submittedAt = instantOf(d.submittedAt, event.recordedAt);
    return {
      streamId: event.streamId,
      alertId: text(d.alertId) ?? event.streamId,
      informantId: text(d.informantId),
      subDistrict: text(d.subDistrict) ?? '',
      enterpriseName: text(enterprise.name),
      creditCode: text(enterprise.creditCode),
      workersAffected: count(d.workersAffected),
      submittedAt,
      submittedOn: shanghaiDate(submittedAt),
      grade: text(d.grade),
      points: typeof d.points === 'number' ? d.points : null,
      acknowledgedAt: null,
      acknowledgedOn: null,
      ackSeconds: null,
      escalatedOn: null,
      convertedOn: null,
      dismissedOn: null,
    };
  }
  if (!fact) return fact;
  switch (event.type) {
    case 'AlertGraded':
      return { ...fact, grade: text(d.grade) ?? fact.grade, points: typeof d.points === 'number' ? d.points : fact.points };
    case 'AlertAcknowledged': {
      if (fact.acknowledgedAt) return fact; // the first acknowledgement is when it was picked up
      const at = instantOf(d.acknowledgedAt, event.recordedAt);
      return {
        ...fact,
        acknowledgedAt: at,
        acknowledgedOn: shanghaiDate(at),
        ackSeconds: Math.max(0, Math.round((at.getTime() - fact.submittedAt.getTime()) / 1000)),
      };
    }
    case 'AlertEscalated':
      return fact.escalatedOn ? fact : { ...fact, escalatedOn: dayOf(d.escalatedAt, event.recordedAt) };
    case 'AlertConverted':
      return fact.convertedOn ? fact : { ...fact, convertedOn: dayOf(d.convertedAt, event.recordedAt) };
    case 'AlertDismissed':
      return fact.dismissedOn ? fact : { ...fact, dismissedOn: dayOf(d.dismissedAt, event.recordedAt) };
    default:
      return fact;
  }
}

export function alertContributions(fact: AlertFact | undefined): Contribution[] {
  if (!fact) return [];
  const dims = { subDistrict: fact.subDistrict, category: '', channel: '', detail: '' };
  const out: Contribution[] = [{ ...dims, day: fact.submittedOn, detail: fact.grade ?? '', metric: METRIC.alertSubmitted, value: 1 }];
  if (fact.acknowledgedOn) out.push({ ...dims, day: fact.acknowledgedOn, metric: METRIC.alertAcknowledged, value: 1 });
  if (fact.escalatedOn) out.push({ ...dims, day: fact.escalatedOn, metric: METRIC.alertEscalated, value: 1 });
  if (fact.convertedOn) out.push({ ...dims, day: fact.convertedOn, metric: METRIC.alertConverted, value: 1 });
  if (fact.dismissedOn) out.push({ ...dims, day: fact.dismissedOn, metric: METRIC.alertDismissed, value: 1 });
  return out;
}

// ---- Informants ---------------------------------------------------------------------------------

export const INFORMANT_FACT_EVENTS = ['InformantRegistered', 'InformantDeactivated', 'InformantReactivated'] as const;
export const INFORMANT_STREAM_PREFIX = 'informant-';

/**
 * An informant, keyed by informantId. Registration events carry no date of their own (a recorded
 * registration of years ago is dated by when it was recorded), so an informant counts as active
 * from the earlier of that day and their first alert: whoever reported in 2022 was registered then.
 */
export interface InformantFact {
  informantId: string;
  subDistrict: string | null;
  registered: boolean;
  registeredOn: string | null;
  firstAlertOn: string | null;
  deactivatedOn: string | null;
}

export function informantIdOf(event: StatEvent): string {
  const fromData = text(event.data.informantId);
  if (fromData) return fromData;
  return event.streamId.startsWith(INFORMANT_STREAM_PREFIX) ? event.streamId.slice(INFORMANT_STREAM_PREFIX.length) : event.streamId;
}

export function blankInformant(informantId: string): InformantFact {
  return { informantId, subDistrict: null, registered: false, registeredOn: null, firstAlertOn: null, deactivatedOn: null };
}

export function evolveInformant(fact: InformantFact, event: StatEvent): InformantFact {
  const d = event.data;
  switch (event.type) {
    case 'InformantRegistered': {
      const on = dayOf(d.registeredAt ?? d.registeredOn, event.recordedAt);
      return {
        ...fact,
        subDistrict: text(d.subDistrict) ?? fact.subDistrict,
        registered: true,
        registeredOn: fact.registeredOn && fact.registeredOn < on ? fact.registeredOn : on,
        deactivatedOn: null,
      };
    }
    case 'InformantDeactivated':
      return { ...fact, deactivatedOn: dayOf(d.deactivatedAt ?? d.deactivatedOn, event.recordedAt) };
    case 'InformantReactivated':
      return { ...fact, deactivatedOn: null };
    case 'AlertSubmitted': {
      const on = shanghaiDate(instantOf(d.submittedAt, event.recordedAt));
      return fact.firstAlertOn && fact.firstAlertOn <= on ? fact : { ...fact, firstAlertOn: on };
    }
    default:
      return fact;
  }
}

/** Every event type the statistics projection reads. */
export const STATISTICS_EVENT_TYPES: string[] = [
  ...DISPUTE_FACT_EVENTS,
  ...COMPLAINT_FACT_EVENTS,
  ...MEDIATION_FACT_EVENTS,
  ...ALERT_FACT_EVENTS,
  ...INFORMANT_FACT_EVENTS,
];
