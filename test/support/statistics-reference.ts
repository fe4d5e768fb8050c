import { RecordedEvent } from '@lc/event-store';

/*
 * The figures of a period computed directly from the event log, with plain code and none of the
 * reporting library's: each record is replayed into a small object, then counted. Tests compare
 * the statistics endpoints with this.
 */

const OFFSET_MS = 8 * 3600_000;
/** The Shanghai calendar day of an ISO instant. */
export const cstDay = (iso: string | Date): string => new Date(new Date(iso).getTime() + OFFSET_MS).toISOString().slice(0, 10);
const daysFromTo = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

interface Dispute {
  subDistrict: string;
  category: string;
  channel: string;
  creditCode: string;
  name: string;
  openedOn: string;
  workers: number;
  resolvedOn: string | null;
  outcome: string | null;
  recoveries: Array<{ on: string; fen: number }>;
}
interface Complaint {
  subDistrict: string;
  source: string;
  receivedOn: string;
  closedOn: string | null;
  closedAs: string | null;
}
interface Mediation {
  subDistrict: string;
  category: string;
  creditCode: string;
  name: string;
  referredOn: string;
  endedOn: string | null;
  endedAs: string | null;
  agreedOn: string | null;
  amount: number;
}
interface Alert {
  subDistrict: string;
  informantId: string;
  creditCode: string;
  name: string;
  submittedAt: string;
  grade: string | null;
  ackAt: string | null;
  escalatedOn: string | null;
  convertedOn: string | null;
  dismissedOn: string | null;
}
interface Informant {
  subDistrict: string;
  registeredOn: string;
  deactivatedOn: string | null;
}

export interface EventLog {
  disputes: Dispute[];
  complaints: Complaint[];
  mediations: Mediation[];
  alerts: Alert[];
  informants: Map<string, Informant>;
}

export function replayLog(events: RecordedEvent[]): EventLog {
  const disputes = new Map<string, Dispute>();
  const complaints = new Map<string, Complaint>();
  const mediations = new Map<string, Mediation>();
  const alerts = new Map<string, Alert>();
  const informants = new Map<string, Informant>();
  for (const e of events) {
    const d = e.data as Record<string, any>;
    const s = e.streamId;
    switch (e.type) {
      case 'DisputeOpened':
        disputes.set(s, {
          subDistrict: d.subDistrict,
          category: d.category,
          channel: d.channel,
          creditCode: d.employer.creditCode,
          name: d.employer.name,
          openedOn: d.openedOn,
          workers: d.workersInvolved,
          resolvedOn: null,
          outcome: null,
          recoveries: [],
        });
        break;
      case 'WorkersInvolvedChanged':
        disputes.get(s)!.workers = d.workersInvolved;
        break;
      case 'RecoveryRecorded':
        disputes.get(s)!.recoveries.push({ on: d.recoveredOn, fen: d.amountFen });
        break;
      case 'DisputeResolved':
        Object.assign(disputes.get(s)!, { resolvedOn: d.resolvedOn, outcome: d.outcome });
        break;
      case 'DisputeReopened':
        Object.assign(disputes.get(s)!, { resolvedOn: null, outcome: null });
        break;
      case 'ComplaintReceived':
        complaints.set(s, { subDistrict: d.subDistrict, source: d.source, receivedOn: cstDay(d.receivedAt), closedOn: null, closedAs: null });
        break;
      case 'ComplaintHandled':
        Object.assign(complaints.get(s)!, { closedOn: d.handledOn, closedAs: 'handled' });
        break;
      case 'ComplaintConverted':
        Object.assign(complaints.get(s)!, { closedOn: d.convertedOn, closedAs: 'converted' });
        break;
      case 'MediationReferred':
        mediations.set(s, {
          subDistrict: d.subDistrict,
          category: d.category,
          creditCode: d.employer.creditCode,
          name: d.employer.name,
          referredOn: d.referredOn,
          endedOn: null,
          endedAs: null,
          agreedOn: null,
          amount: 0,
        });
        break;
      case 'MediationAgreementReached':
        Object.assign(mediations.get(s)!, { endedOn: d.agreedOn, endedAs: 'agreement', agreedOn: d.agreedOn, amount: d.amountFen });
        break;
      case 'MediationFailed':
        Object.assign(mediations.get(s)!, { endedOn: d.failedOn, endedAs: 'failed' });
        break;
      case 'MediationWithdrawn':
        Object.assign(mediations.get(s)!, { endedOn: d.withdrawnOn, endedAs: 'withdrawn' });
        break;
      case 'AlertSubmitted':
        alerts.set(s, {
          subDistrict: d.subDistrict,
          informantId: d.informantId,
          creditCode: d.enterprise.creditCode,
          name: d.enterprise.name,
          submittedAt: d.submittedAt,
          grade: null,
          ackAt: null,
          escalatedOn: null,
          convertedOn: null,
          dismissedOn: null,
        });
        break;
      case 'AlertGraded':
        alerts.get(s)!.grade = d.grade;
        break;
      case 'AlertAcknowledged':
        alerts.get(s)!.ackAt ??= d.acknowledgedAt;
        break;
      case 'AlertEscalated':
        alerts.get(s)!.escalatedOn ??= cstDay(d.escalatedAt);
        break;
      case 'AlertConverted':
        alerts.get(s)!.convertedOn = cstDay(d.convertedAt);
        break;
      case 'AlertDismissed':
        alerts.get(s)!.dismissedOn = cstDay(d.dismissedAt);
        break;
      case 'InformantRegistered':
        informants.set(d.informantId, { subDistrict: d.subDistrict, registeredOn: cstDay(e.recordedAt), deactivatedOn: null });
        break;
      case 'InformantDeactivated':
        informants.get(s.replace(/^informant-/, ''))!.deactivatedOn = cstDay(e.recordedAt);
        break;
    }
  }
  return {
    disputes: [...disputes.values()],
    complaints: [...complaints.values()],
    mediations: [...mediations.values()],
    alerts: [...alerts.values()],
    informants,
  };
}

const halfUp = (a: number, b: number, decimals: number) => (b === 0 ? 0 : Math.round((a * 10 ** decimals) / b) / 10 ** decimals);

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The summary of a period, as GET /stats/summary must answer it. */
export function expectedSummary(log: EventLog, from: string, to: string, subDistrict: string | null = null) {
  const inPeriod = (day: string | null | undefined) => !!day && day >= from && day <= to;
  const mine = <T extends { subDistrict: string }>(items: T[]) => items.filter((i) => subDistrict === null || i.subDistrict === subDistrict);
  const count = <T>(items: T[], test: (i: T) => boolean) => items.filter(test).length;

  const disputes = mine(log.disputes);
  const resolved = disputes.filter((d) => inPeriod(d.resolvedOn));
  const outcomes = ['agreement', 'withdrawn', 'referred_arbitration', 'referred_court', 'referred_inspection'];
  const complaints = mine(log.complaints);
  const sources = ['hotline_12351', 'online_opinion', 'other'];
  const mediations = mine(log.mediations);
  const concluded = mediations.filter((m) => inPeriod(m.endedOn));
  const succeeded = count(concluded, (m) => m.endedAs === 'agreement');
  const alerts = mine(log.alerts);
  const submitted = alerts.filter((a) => inPeriod(cstDay(a.submittedAt)));
  const acked = alerts.filter((a) => a.ackAt && inPeriod(cstDay(a.ackAt)));
  const ackSeconds = acked.map((a) => Math.max(0, Math.round((Date.parse(a.ackAt!) - Date.parse(a.submittedAt)) / 1000)));
  const med = median(ackSeconds);

  // Informants: active from the earlier of their recorded registration and their first alert.
  const firstAlert = new Map<string, string>();
  for (const a of log.alerts) {
    const day = cstDay(a.submittedAt);
    if (!firstAlert.has(a.informantId) || day < firstAlert.get(a.informantId)!) firstAlert.set(a.informantId, day);
  }
  const active = [...log.informants.entries()].filter(([id, i]) => {
    if (subDistrict !== null && i.subDistrict !== subDistrict) return false;
    const since = firstAlert.has(id) && firstAlert.get(id)! < i.registeredOn ? firstAlert.get(id)! : i.registeredOn;
    return since <= to && (i.deactivatedOn === null || i.deactivatedOn >= from);
  });
  const reported = active.filter(([id]) => log.alerts.some((a) => a.informantId === id && inPeriod(cstDay(a.submittedAt))));

  return {
    period: { from, to },
    subDistrict,
    disputes: {
      opened: count(disputes, (d) => inPeriod(d.openedOn)),
      resolved: resolved.length,
      amountRecoveredFen: disputes.flatMap((d) => d.recoveries).filter((r) => inPeriod(r.on)).reduce((s, r) => s + r.fen, 0),
      groupDisputes: count(resolved, (d) => d.workers >= 30),
      avgDaysToResolve: halfUp(resolved.reduce((s, d) => s + daysFromTo(d.openedOn, d.resolvedOn!), 0), resolved.length, 1),
      groupDisputesOpened: count(disputes, (d) => inPeriod(d.openedOn) && d.workers >= 30),
      byOutcome: Object.fromEntries(outcomes.map((o) => [o, count(resolved, (d) => d.outcome === o)])),
    },
    complaints: {
      received: count(complaints, (c) => inPeriod(c.receivedOn)),
      handled: count(complaints, (c) => inPeriod(c.closedOn)),
      bySource: Object.fromEntries(sources.map((src) => [src, count(complaints, (c) => c.source === src && inPeriod(c.receivedOn))])),
      handledBySource: Object.fromEntries(sources.map((src) => [src, count(complaints, (c) => c.source === src && inPeriod(c.closedOn))])),
      converted: count(complaints, (c) => c.closedAs === 'converted' && inPeriod(c.closedOn)),
    },
    mediations: {
      referred: count(mediations, (m) => inPeriod(m.referredOn)),
      concluded: concluded.length,
      succeeded,
      successRate: halfUp(succeeded, concluded.length, 4),
      amountRecoveredFen: mediations.filter((m) => inPeriod(m.agreedOn)).reduce((s, m) => s + m.amount, 0),
      failed: count(concluded, (m) => m.endedAs === 'failed'),
      withdrawn: count(concluded, (m) => m.endedAs === 'withdrawn'),
    },
    alerts: {
      submitted: submitted.length,
      red: count(submitted, (a) => a.grade === 'red'),
      yellow: count(submitted, (a) => a.grade === 'yellow'),
      green: count(submitted, (a) => a.grade === 'green'),
      escalated: count(alerts, (a) => inPeriod(a.escalatedOn)),
      convertedToCases: count(alerts, (a) => inPeriod(a.convertedOn)),
      medianMinutesToAcknowledge: med === null ? 0 : Math.round(med / 6) / 10,
      acknowledged: acked.length,
      dismissed: count(alerts, (a) => inPeriod(a.dismissedOn)),
      ungraded: count(submitted, (a) => a.grade === null),
    },
    informants: { active: active.length, reportedOnline: reported.length },
  };
}

/** The watch-list's enterprises, in rank order, with their scores. */
export function expectedWatchList(log: EventLog, asOf: string, subDistrict: string | null = null): Array<{ creditCode: string; score: number }> {
  const from = `${Number(asOf.slice(0, 4)) - 3}${asOf.slice(4)}`; // exclusive; no 29 February in these tests
  const within = (day: string) => day > from && day <= asOf;
  const here = (s: string) => subDistrict === null || s === subDistrict;
  const byCode = new Map<string, { disputes: number; group: number; open: number; mediations: number; red: number; yellow: number; last: string }>();
  const get = (code: string) => {
    if (!byCode.has(code)) byCode.set(code, { disputes: 0, group: 0, open: 0, mediations: 0, red: 0, yellow: 0, last: '' });
    return byCode.get(code)!;
  };
  const touch = (e: { last: string }, day: string) => (e.last = day > e.last ? day : e.last);
  for (const d of log.disputes.filter((d) => within(d.openedOn) && here(d.subDistrict))) {
    const e = get(d.creditCode);
    e.disputes++;
    if (d.workers >= 30) e.group++;
    if (!d.resolvedOn) e.open++;
    touch(e, d.openedOn);
  }
  for (const m of log.mediations.filter((m) => within(m.referredOn) && here(m.subDistrict))) {
    const e = get(m.creditCode);
    e.mediations++;
    touch(e, m.referredOn);
  }
  for (const a of log.alerts.filter((a) => within(cstDay(a.submittedAt)) && here(a.subDistrict))) {
    const e = get(a.creditCode);
    if (a.grade === 'red') e.red++;
    if (a.grade === 'yellow') e.yellow++;
    touch(e, cstDay(a.submittedAt));
  }
  return [...byCode.entries()]
    .filter(([, e]) => e.group > 0 || e.disputes + e.mediations >= 2 || e.red > 0)
    .map(([creditCode, e]) => ({ creditCode, score: 10 * e.group + 3 * (e.disputes + e.mediations) + 2 * e.open + 8 * e.red + 3 * e.yellow, last: e.last }))
    .sort((a, b) => b.score - a.score || (a.last < b.last ? 1 : a.last > b.last ? -1 : 0) || (a.creditCode < b.creditCode ? -1 : 1))
    .map(({ creditCode, score }) => ({ creditCode, score }));
}
