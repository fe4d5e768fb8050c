import { DISPUTE_CATEGORIES, DISPUTE_CHANNELS, DISPUTE_OUTCOMES, COMPLAINT_SOURCES, DisputeOutcome, district } from '@lc/reference-data';
import { monthPeriod, Period } from '../shared/period';
import { METRIC } from '../statistics/metrics';
import { buildSummary, CounterTotal, Summary } from '../summary/summary';

/*
 * The monthly report of worker complaints and demands (诉求信息月报): a month's intake and outcomes
 * by sub-district x category x channel, and the month's summary. Made once per month and stored as
 * it was then (reporting_monthly_reports); rows list only the combinations with something in them.
 */

export interface DisputeRow {
  subDistrict: string;
  category: string;
  channel: string;
  opened: number;
  resolved: number;
  byOutcome: Record<DisputeOutcome, number>;
  groupOpened: number;
  groupResolved: number;
  amountRecoveredFen: number;
}

export interface ComplaintRow {
  subDistrict: string;
  source: string;
  received: number;
  handled: number;
  handledClosed: number;
  converted: number;
}

export interface MediationRow {
  subDistrict: string;
  category: string;
  referred: number;
  concluded: number;
  succeeded: number;
  failed: number;
  withdrawn: number;
  amountRecoveredFen: number;
}

export interface AlertRow {
  subDistrict: string;
  submitted: number;
  red: number;
  yellow: number;
  green: number;
  ungraded: number;
  acknowledged: number;
  escalated: number;
  convertedToCases: number;
  dismissed: number;
}

export interface OverdueClockRow {
  /** '' for a clock of a record without one. */
  subDistrict: string;
  kind: string;
  overdue: number;
}

export interface MonthlyReport {
  month: string;
  period: Period;
  generatedAt: string;
  trigger: 'schedule' | 'on_demand';
  /** The whole district's (or, in a scoped view, the sub-district's) figures for the month. */
  summary: Summary;
  /** Each sub-district's figures, so that a view limited to one still has its own summary. */
  summaries: Record<string, Summary>;
  disputes: DisputeRow[];
  complaints: ComplaintRow[];
  mediations: MediationRow[];
  alerts: AlertRow[];
  /** Clocks whose deadline passed before the month ended with the work not done by then (on the records' own dates), as the clocks table says when the report is made. */
  overdueClocks: OverdueClockRow[];
  overdueClocksTotal: number;
}

/** Counters of the month summed per sub-district, category and channel. */
export type MonthCounter = CounterTotal & { subDistrict: string; category: string };

export interface MonthlyReportInput {
  month: string;
  generatedAt: Date;
  trigger: MonthlyReport['trigger'];
  counters: MonthCounter[];
  summary: Summary;
  summaries: Record<string, Summary>;
  overdueClocks: OverdueClockRow[];
}

/** Sorts codes in the order reference data lists them; unknown codes after, alphabetically. */
function byOrder(order: readonly string[]) {
  const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
  return (a: string, b: string) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

const subDistrictOrder = () => byOrder(district().subDistricts.map((s) => s.code));

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

const total = (counters: MonthCounter[], metric: string, where: (c: MonthCounter) => boolean = () => true) =>
  counters.filter((c) => c.metric === metric && where(c)).reduce((sum, c) => sum + c.value, 0);

export function buildMonthlyReport(input: MonthlyReportInput): MonthlyReport {
  const { counters } = input;
  const subOrder = subDistrictOrder();
  const categoryOrder = byOrder(DISPUTE_CATEGORIES);
  const channelOrder = byOrder(DISPUTE_CHANNELS);
  const sep = '\u0000';

  const disputeMetrics: string[] = [
    METRIC.disputeOpened,
    METRIC.disputeResolved,
    METRIC.disputeGroupOpened,
    METRIC.disputeResolvedGroup,
    METRIC.disputeRecoveredFen,
  ];
  const disputes: DisputeRow[] = [...groupBy(counters.filter((c) => disputeMetrics.includes(c.metric)), (c) => [c.subDistrict, c.category, c.channel].join(sep))]
    .map(([key, cs]) => {
      const [subDistrict, category, channel] = key.split(sep);
      const byOutcome = Object.fromEntries(
        DISPUTE_OUTCOMES.map((o) => [o, total(cs, METRIC.disputeResolved, (c) => c.detail === o)]),
      ) as Record<DisputeOutcome, number>;
      return {
        subDistrict,
        category,
        channel,
        opened: total(cs, METRIC.disputeOpened),
        resolved: total(cs, METRIC.disputeResolved),
        byOutcome,
        groupOpened: total(cs, METRIC.disputeGroupOpened),
        groupResolved: total(cs, METRIC.disputeResolvedGroup),
        amountRecoveredFen: total(cs, METRIC.disputeRecoveredFen),
      };
    })
    .filter((r) => r.opened || r.resolved || r.groupOpened || r.groupResolved || r.amountRecoveredFen)
    .sort((a, b) => subOrder(a.subDistrict, b.subDistrict) || categoryOrder(a.category, b.category) || channelOrder(a.channel, b.channel));

  const complaintMetrics: string[] = [METRIC.complaintReceived, METRIC.complaintHandled];
  const sourceOrder = byOrder(COMPLAINT_SOURCES);
  const complaints: ComplaintRow[] = [...groupBy(counters.filter((c) => complaintMetrics.includes(c.metric)), (c) => [c.subDistrict, c.channel].join(sep))]
    .map(([key, cs]) => {
      const [subDistrict, source] = key.split(sep);
      return {
        subDistrict,
        source,
        received: total(cs, METRIC.complaintReceived),
        handled: total(cs, METRIC.complaintHandled),
        handledClosed: total(cs, METRIC.complaintHandled, (c) => c.detail === 'handled'),
        converted: total(cs, METRIC.complaintHandled, (c) => c.detail === 'converted'),
      };
    })
    .filter((r) => r.received || r.handled)
    .sort((a, b) => subOrder(a.subDistrict, b.subDistrict) || sourceOrder(a.source, b.source));

  const mediationMetrics: string[] = [METRIC.mediationReferred, METRIC.mediationConcluded, METRIC.mediationAgreedFen];
  const mediations: MediationRow[] = [...groupBy(counters.filter((c) => mediationMetrics.includes(c.metric)), (c) => [c.subDistrict, c.category].join(sep))]
    .map(([key, cs]) => {
      const [subDistrict, category] = key.split(sep);
      return {
        subDistrict,
        category,
        referred: total(cs, METRIC.mediationReferred),
        concluded: total(cs, METRIC.mediationConcluded),
        succeeded: total(cs, METRIC.mediationConcluded, (c) => c.detail === 'agreement'),
        failed: total(cs, METRIC.mediationConcluded, (c) => c.detail === 'failed'),
        withdrawn: total(cs, METRIC.mediationConcluded, (c) => c.detail === 'withdrawn'),
        amountRecoveredFen: total(cs, METRIC.mediationAgreedFen),
      };
    })
    .filter((r) => r.referred || r.concluded || r.amountRecoveredFen)
    .sort((a, b) => subOrder(a.subDistrict, b.subDistrict) || categoryOrder(a.category, b.category));

  const alertMetrics: string[] = [METRIC.alertSubmitted, METRIC.alertAcknowledged, METRIC.alertEscalated, METRIC.alertConverted, METRIC.alertDismissed];
  const alerts: AlertRow[] = [...groupBy(counters.filter((c) => alertMetrics.includes(c.metric)), (c) => c.subDistrict)]
    .map(([subDistrict, cs]) => ({
      subDistrict,
      submitted: total(cs, METRIC.alertSubmitted),
      red: total(cs, METRIC.alertSubmitted, (c) => c.detail === 'red'),
      yellow: total(cs, METRIC.alertSubmitted, (c) => c.detail === 'yellow'),
      green: total(cs, METRIC.alertSubmitted, (c) => c.detail === 'green'),
      ungraded: total(cs, METRIC.alertSubmitted, (c) => c.detail === ''),
      acknowledged: total(cs, METRIC.alertAcknowledged),
      escalated: total(cs, METRIC.alertEscalated),
      convertedToCases: total(cs, METRIC.alertConverted),
      dismissed: total(cs, METRIC.alertDismissed),
    }))
    .filter((r) => r.submitted || r.acknowledged || r.escalated || r.convertedToCases || r.dismissed)
    .sort((a, b) => subOrder(a.subDistrict, b.subDistrict));

  const overdueClocks = input.overdueClocks
    .filter((r) => r.overdue > 0)
    .sort((a, b) => subOrder(a.subDistrict, b.subDistrict) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));

  return {
    month: input.month,
    period: monthPeriod(input.month),
    generatedAt: input.generatedAt.toISOString(),
    trigger: input.trigger,
    summary: input.summary,
    summaries: input.summaries,
    disputes,
    complaints,
    mediations,
    alerts,
    overdueClocks,
    overdueClocksTotal: overdueClocks.reduce((sum, r) => sum + r.overdue, 0),
  };
}

/**
 * The report as someone limited to one sub-district sees it: that sub-district's rows and its own
 * summary. null: the whole report.
 */
export function scopeMonthlyReport(report: MonthlyReport, subDistrict: string | null): MonthlyReport {
  if (subDistrict === null) return report;
  const mine = <T extends { subDistrict: string }>(rows: T[]) => rows.filter((r) => r.subDistrict === subDistrict);
  const overdueClocks = mine(report.overdueClocks);
  return {
    ...report,
    summary: report.summaries[subDistrict] ?? buildSummary(report.period, subDistrict, []),
    summaries: report.summaries[subDistrict] ? { [subDistrict]: report.summaries[subDistrict] } : {},
    disputes: mine(report.disputes),
    complaints: mine(report.complaints),
    mediations: mine(report.mediations),
    alerts: mine(report.alerts),
    overdueClocks,
    overdueClocksTotal: overdueClocks.reduce((sum, r) => sum + r.overdue, 0),
  };
}
