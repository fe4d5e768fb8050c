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
