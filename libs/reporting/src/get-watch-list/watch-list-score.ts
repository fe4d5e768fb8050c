/**
 * The risk watch-list: enterprises (by Unified Social Credit Code) that, within the last three
 * years, had a group dispute (30+ workers), or two or more labour disputes (dispute cases and
 * court-referred pre-litigation mediations together), or a red alert.
 *
 * Risk score (docs/reporting.md), a plain weighted count so that anyone can redo it by hand:
 *   10 per group dispute
 *    3 per dispute case or mediation
 *    2 per dispute case still open
 *    8 per red alert, 3 per yellow alert (green alerts add nothing)
 * Ties: the most recent activity first, then the credit code.
 */
export const WATCH_LIST_WEIGHTS = {
  groupDispute: 10,
  dispute: 3,
  openDispute: 2,
  redAlert: 8,
  yellowAlert: 3,
} as const;

export interface EnterpriseRecord {
  creditCode: string;
  name: string;
  disputes: number;
  groupDisputes: number;
  openDisputes: number;
  mediations: number;
  redAlerts: number;
  yellowAlerts: number;
  alerts: number;
  workersInvolved: number;
  amountRecoveredFen: number;
  subDistricts: string[];
  /** The latest day anything was recorded about it (opened, referred, alert submitted). */
  lastActivityOn: string;
}

export interface WatchListEntry extends EnterpriseRecord {
  score: number;
  /** Why it is on the list: group_dispute, repeated_disputes, red_alert. */
  reasons: Array<'group_dispute' | 'repeated_disputes' | 'red_alert'>;
}

export function watchListReasons(e: EnterpriseRecord): WatchListEntry['reasons'] {
  const reasons: WatchListEntry['reasons'] = [];
  if (e.groupDisputes > 0) reasons.push('group_dispute');
  if (e.disputes + e.mediations >= 2) reasons.push('repeated_disputes');
  if (e.redAlerts > 0) reasons.push('red_alert');
  return reasons;
}

export function riskScore(e: EnterpriseRecord): number {
  const w = WATCH_LIST_WEIGHTS;
  return (
    w.groupDispute * e.groupDisputes +
    w.dispute * (e.disputes + e.mediations) +
    w.openDispute * e.openDisputes +
    w.redAlert * e.redAlerts +
    w.yellowAlert * e.yellowAlerts
  );
}

/** The enterprises that qualify, scored and ranked. */
export function rankWatchList(records: EnterpriseRecord[]): WatchListEntry[] {
  return records
    .map((e) => ({ ...e, score: riskScore(e), reasons: watchListReasons(e) }))
    .filter((e) => e.reasons.length > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        (a.lastActivityOn < b.lastActivityOn ? 1 : a.lastActivityOn > b.lastActivityOn ? -1 : 0) ||
        (a.creditCode < b.creditCode ? -1 : a.creditCode > b.creditCode ? 1 : 0),
    );
}
