import { EventStore, RecordedEvent } from '@lc/event-store';
import { DemoTargets } from './targets';

/**
 * A year's headline figures summed straight from the event log, in the definitions and
 * with none of the reporting library's code: the demo checks its own work with this, and tests
 * compare it with the annual report.
 */
export type YearFigures = DemoTargets;

const GROUP_DISPUTE_WORKERS = 30;

export function figuresFromEvents(events: Iterable<RecordedEvent>, year: number): YearFigures {
  const inYear = (date: unknown) => typeof date === 'string' && date.startsWith(`${year}-`);
  const disputes = new Map<string, { workers: number; resolvedOn: string | null }>();
  const figures: YearFigures = {
    disputesResolved: 0,
    amountRecoveredFen: 0,
    groupDisputesResolved: 0,
    complaintsHandled: 0,
    mediationsConcluded: 0,
    mediationAgreedFen: 0,
  };
  for (const e of events) {
    const d = e.data as Record<string, unknown>;
    switch (e.type) {
      case 'DisputeOpened':
        disputes.set(e.streamId, { workers: d.workersInvolved as number, resolvedOn: null });
        break;
      case 'WorkersInvolvedChanged':
        disputes.get(e.streamId)!.workers = d.workersInvolved as number;
        break;
      case 'DisputeResolved':
        disputes.get(e.streamId)!.resolvedOn = d.resolvedOn as string;
        break;
      case 'DisputeReopened':
        // Counted on its last resolution: until then, not resolved.
        disputes.get(e.streamId)!.resolvedOn = null;
        break;
      case 'RecoveryRecorded':
        if (inYear(d.recoveredOn)) figures.amountRecoveredFen += d.amountFen as number;
        break;
      case 'ComplaintHandled':
        if (inYear(d.handledOn)) figures.complaintsHandled++;
        break;
      case 'ComplaintConverted':
        if (inYear(d.convertedOn)) figures.complaintsHandled++;
        break;
      case 'MediationAgreementReached':
        if (inYear(d.agreedOn)) {
          figures.mediationsConcluded++;
          figures.mediationAgreedFen += d.amountFen as number;
        }
        break;
      case 'MediationFailed':
        if (inYear(d.failedOn)) figures.mediationsConcluded++;
        break;
      case 'MediationWithdrawn':
        if (inYear(d.withdrawnOn)) figures.mediationsConcluded++;
        break;
    }
  }
  for (const { workers, resolvedOn } of disputes.values()) {
    if (!inYear(resolvedOn)) continue;
    figures.disputesResolved++;
    if (workers >= GROUP_DISPUTE_WORKERS) figures.groupDisputesResolved++;
  }
  return figures;
}

/** The early-warning side of a year, in the statistics' definitions; the report quotes none of it, so it has no targets. */
export interface AlertFigures {
  submitted: number;
  red: number;
  yellow: number;
  green: number;
  /** Alerts with an escalation in the year, by hand or by a missed pick-up deadline. */
  escalated: number;
  convertedToCases: number;
  /** Registered and not deactivated (registrations carry no date). */
  informantsActive: number;
  /** Of those, with at least one alert submitted in the year. */
  informantsReportedOnline: number;
}

const shanghaiYear = (instant: unknown) => (typeof instant === 'string' ? new Date(Date.parse(instant) + 8 * 3600_000).getUTCFullYear() : NaN);

export function alertFiguresFromEvents(events: Iterable<RecordedEvent>, year: number): AlertFigures {
  const figures: AlertFigures = { submitted: 0, red: 0, yellow: 0, green: 0, escalated: 0, convertedToCases: 0, informantsActive: 0, informantsReportedOnline: 0 };
  const submittedIn = new Set<string>();
  const escalatedIn = new Set<string>();
  // InformantRegistered carries no date: an informant counts while registered and not deactivated.
  const informants = new Map<string, { deactivated: boolean }>();
  const reporters = new Set<string>();
  for (const e of events) {
    const d = e.data as Record<string, unknown>;
    switch (e.type) {
      case 'AlertSubmitted':
        if (shanghaiYear(d.submittedAt) === year) {
          figures.submitted++;
          submittedIn.add(e.streamId);
          reporters.add(d.informantId as string);
        }
        break;
      case 'AlertGraded':
        if (submittedIn.has(e.streamId)) figures[d.grade as 'red' | 'yellow' | 'green']++;
        break;
      case 'AlertEscalated':
        if (shanghaiYear(d.escalatedAt) === year) escalatedIn.add(e.streamId);
        break;
      case 'AlertConverted':
        if (shanghaiYear(d.convertedAt) === year) figures.convertedToCases++;
        break;
      case 'InformantRegistered':
        informants.set(d.informantId as string, { deactivated: false });
        break;
      case 'InformantDeactivated':
        informants.get(e.streamId.slice('informant-'.length))!.deactivated = true;
        break;
      case 'InformantReactivated':
        informants.get(e.streamId.slice('informant-'.length))!.deactivated = false;
        break;
    }
  }
  figures.escalated = escalatedIn.size;
  const active = [...informants].filter(([, i]) => !i.deactivated).map(([id]) => id);
  figures.informantsActive = active.length;
  figures.informantsReportedOnline = active.filter((id) => reporters.has(id)).length;
  return figures;
}

/**
 * Every event of the log (or of some streams), page by page. The PostgreSQL store shows the log
 * only up to its oldest running transaction (so that no reader skips an event committed late): a
 * worker's long transaction holds the newest events back. The log counts as read when it has
 * shown nothing more for a while; with a worker running, wait for its projections first.
 */
export async function readWholeLog(store: EventStore, streamPrefixes?: string[], quietMs = 250): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let fromPosition: string | undefined;
  let quietSince: number | undefined;
  for (;;) {
    const page = await store.readAll({ fromPosition, maxCount: 5000, filter: streamPrefixes ? { streamPrefixes } : undefined });
    if (page.length > 0) {
      events.push(...page);
      fromPosition = page[page.length - 1].globalPosition;
      quietSince = undefined;
      continue;
    }
    quietSince ??= Date.now();
    if (Date.now() - quietSince >= quietMs) return events;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** 万元 with two decimals, rounded half up, as the annual report writes amounts. */
export function wanYuan(fen: number): string {
  const hundredths = Math.floor((fen + 5_000) / 10_000);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/** The events of the given streams, each read in full: unlike the global log, never held back. */
export async function readStreams(store: EventStore, streamIds: Iterable<string>): Promise<RecordedEvent[]> {
  const ids = [...streamIds];
  const events: RecordedEvent[] = [];
  for (let i = 0; i < ids.length; i += 16) {
    const pages = await Promise.all(ids.slice(i, i + 16).map((id) => store.readStream(id)));
    for (const page of pages) events.push(...page);
  }
  return events;
}
