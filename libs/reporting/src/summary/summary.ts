import { COMPLAINT_SOURCES, ComplaintSource, DISPUTE_OUTCOMES, DisputeOutcome } from '@lc/reference-data';
import { Period } from '../shared/period';
import { METRIC } from '../statistics/metrics';

/**
 * The figures of a period (GET /stats/summary). Field names of the first level of each group are
 * the contract of issue 7; the rest are additions. Every count counts what happened in the period:
 * cases opened in it, resolved in it (by their last resolution), money recovered in it, alerts
 * submitted in it, and so on (docs/reporting.md).
 */
export interface Summary {
  period: Period;
  /** The sub-district the figures are limited to; null for the whole district. */
  subDistrict: string | null;
  disputes: {
    opened: number;
    resolved: number;
    amountRecoveredFen: number;
    /** Resolved in the period and involving 30 or more workers. */
    groupDisputes: number;
    /** Days from opening to the last resolution, over the cases resolved in the period; one decimal. */
    avgDaysToResolve: number;
    /** Opened in the period and involving 30 or more workers. */
    groupDisputesOpened: number;
    byOutcome: Record<DisputeOutcome, number>;
  };
  complaints: {
    received: number;
    /** Answered and closed, or converted into a case, in the period. */
    handled: number;
    /** Received in the period, by source. */
    bySource: Record<ComplaintSource, number>;
    handledBySource: Record<ComplaintSource, number>;
    converted: number;
  };
  mediations: {
    referred: number;
    /** Ended in the period: agreement, failure or withdrawal. */
    concluded: number;
    succeeded: number;
    /** succeeded / concluded, as a fraction with four decimals (0.8125); 0 when none concluded. */
    successRate: number;
    /** Agreed amounts of the agreements dated in the period. */
    amountRecoveredFen: number;
    failed: number;
    withdrawn: number;
  };
  alerts: {
    submitted: number;
    red: number;
    yellow: number;
    green: number;
    escalated: number;
    convertedToCases: number;
    /** Over the alerts first acknowledged in the period; one decimal; 0 when none was. */
    medianMinutesToAcknowledge: number;
    acknowledged: number;
    dismissed: number;
    /** Submitted and not graded (yet). */
    ungraded: number;
  };
  informants: {
    /** Registered by the end of the period and not deactivated before it began. */
    active: number;
    /** Of those, informants with at least one alert submitted in the period. */
    reportedOnline: number;
  };
}

/** One summed counter, as the statistics reader returns them. */
export interface CounterTotal {
  metric: string;
  channel: string;
  detail: string;
  value: number;
}

/** What the counters cannot say: a median and distinct informants. */
export interface SummaryExtras {
  /** The median of seconds from submission to first acknowledgement; null when no alert was acknowledged. */
  medianAckSeconds: number | null;
  informantsActive: number;
  informantsReportedOnline: number;
}

export const NO_EXTRAS: SummaryExtras = { medianAckSeconds: null, informantsActive: 0, informantsReportedOnline: 0 };

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/** a / b rounded half up to `decimals` places; 0 when b is 0. Both whole numbers, so the halves are exact. */
export function ratio(a: number, b: number, decimals: number): number {
  if (b === 0) return 0;
  const scale = 10 ** decimals;
  return Math.round((a * scale) / b) / scale;
}

/** Seconds to minutes with one decimal, half up (a median of whole seconds is whole or .5). */
export function secondsToMinutes(seconds: number | null): number {
  return seconds === null ? 0 : Math.round(seconds / 6) / 10;
}

export function buildSummary(period: Period, subDistrict: string | null, counters: CounterTotal[], extras: SummaryExtras = NO_EXTRAS): Summary {
  const sum = (metric: string, where: (c: CounterTotal) => boolean = () => true) =>
    counters.filter((c) => c.metric === metric && where(c)).reduce((total, c) => total + c.value, 0);

  const resolved = sum(METRIC.disputeResolved);
  const byOutcome = zeros(DISPUTE_OUTCOMES);
  for (const outcome of DISPUTE_OUTCOMES) byOutcome[outcome] = sum(METRIC.disputeResolved, (c) => c.detail === outcome);

  const bySource = zeros(COMPLAINT_SOURCES);
  const handledBySource = zeros(COMPLAINT_SOURCES);
  for (const source of COMPLAINT_SOURCES) {
    bySource[source] = sum(METRIC.complaintReceived, (c) => c.channel === source);
    handledBySource[source] = sum(METRIC.complaintHandled, (c) => c.channel === source);
  }

  const concluded = sum(METRIC.mediationConcluded);
  const succeeded = sum(METRIC.mediationConcluded, (c) => c.detail === 'agreement');
  const grade = (g: string) => sum(METRIC.alertSubmitted, (c) => c.detail === g);

  return {
    period: { from: period.from, to: period.to },
    subDistrict,
    disputes: {
      opened: sum(METRIC.disputeOpened),
      resolved,
      amountRecoveredFen: sum(METRIC.disputeRecoveredFen),
      groupDisputes: sum(METRIC.disputeResolvedGroup),
      avgDaysToResolve: ratio(sum(METRIC.disputeDaysToResolve), resolved, 1),
      groupDisputesOpened: sum(METRIC.disputeGroupOpened),
      byOutcome,
    },
    complaints: {
      received: sum(METRIC.complaintReceived),
      handled: sum(METRIC.complaintHandled),
      bySource,
      handledBySource,
      converted: sum(METRIC.complaintHandled, (c) => c.detail === 'converted'),
    },
    mediations: {
      referred: sum(METRIC.mediationReferred),
      concluded,
      succeeded,
      successRate: ratio(succeeded, concluded, 4),
      amountRecoveredFen: sum(METRIC.mediationAgreedFen),
      failed: sum(METRIC.mediationConcluded, (c) => c.detail === 'failed'),
      withdrawn: sum(METRIC.mediationConcluded, (c) => c.detail === 'withdrawn'),
    },
    alerts: {
      submitted: sum(METRIC.alertSubmitted),
      red: grade('red'),
      yellow: grade('yellow'),
      green: grade('green'),
      escalated: sum(METRIC.alertEscalated),
      convertedToCases: sum(METRIC.alertConverted),
      medianMinutesToAcknowledge: secondsToMinutes(extras.medianAckSeconds),
      acknowledged: sum(METRIC.alertAcknowledged),
      dismissed: sum(METRIC.alertDismissed),
      ungraded: grade(''),
    },
    informants: {
      active: extras.informantsActive,
      reportedOnline: extras.informantsReportedOnline,
    },
  };
}
