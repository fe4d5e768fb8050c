/*
 * The counters the statistics projection keeps, one row per China Standard Time day x
 * sub-district x category x channel x detail x metric (reporting_daily_counts). Each counter
 * counts what happened on that day, so a period's figure is a sum over its days.
 *
 * Dimensions a metric does not have are '' (complaints have no category, alerts neither).
 */
export const METRIC = {
  /** A dispute case opened (on openedOn). */
  disputeOpened: 'dispute_opened',
  /** A case of 30 or more workers (by its current count) opened, on its openedOn. */
  disputeGroupOpened: 'dispute_group_opened',
  /** A case's current (last) resolution, on resolvedOn; detail: the outcome. Moves when reopened. */
  disputeResolved: 'dispute_resolved',
  /** The same for cases of 30 or more workers (by their count at resolution). */
  disputeResolvedGroup: 'dispute_resolved_group',
  /** Days from openedOn to resolvedOn of the cases resolved that day: the average's numerator. */
  disputeDaysToResolve: 'dispute_days_to_resolve',
  /** Fen recovered for workers, on recoveredOn. */
  disputeRecoveredFen: 'dispute_recovered_fen',
  /** A complaint received (its Shanghai day); channel: the source. */
  complaintReceived: 'complaint_received',
  /** A complaint closed; channel: the source, detail: handled (answered and closed) or converted. */
  complaintHandled: 'complaint_handled',
  /** A court-referred mediation, on referredOn. */
  mediationReferred: 'mediation_referred',
  /** A mediation ended; detail: agreement, failed or withdrawn. */
  mediationConcluded: 'mediation_concluded',
  /** The agreed amount, on agreedOn. */
  mediationAgreedFen: 'mediation_agreed_fen',
  /** An alert submitted (its Shanghai day); detail: its grade, '' until graded. */
  alertSubmitted: 'alert_submitted',
  /** First acknowledgement of an alert. */
  alertAcknowledged: 'alert_acknowledged',
  /** First escalation of an alert. */
  alertEscalated: 'alert_escalated',
  /** An alert turned into a dispute case. */
  alertConverted: 'alert_converted',
  alertDismissed: 'alert_dismissed',
} as const;

export type Metric = (typeof METRIC)[keyof typeof METRIC];

/** One counter's contribution: a record adds these values to these counters. */
export interface Contribution {
  day: string;
  subDistrict: string;
  category: string;
  channel: string;
  detail: string;
  metric: Metric;
  value: number;
}

export type CounterKey = Omit<Contribution, 'value'>;

export function counterKey(c: CounterKey): string {
  return [c.day, c.subDistrict, c.category, c.channel, c.detail, c.metric].join('\u0000');
}

export function parseCounterKey(key: string): CounterKey {
  const [day, subDistrict, category, channel, detail, metric] = key.split('\u0000');
  return { day, subDistrict, category, channel, detail, metric: metric as Metric };
}

/** The counters' changes that turn `before` into `after` (zero changes left out). */
export function counterDelta(before: Contribution[], after: Contribution[]): Map<string, number> {
  const delta = new Map<string, number>();
  const add = (c: Contribution, sign: number) => {
    const key = counterKey(c);
    delta.set(key, (delta.get(key) ?? 0) + sign * c.value);
  };
  before.forEach((c) => add(c, -1));
  after.forEach((c) => add(c, 1));
  for (const [key, value] of delta) if (value === 0) delta.delete(key);
  return delta;
}
