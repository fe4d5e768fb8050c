import { Inject, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { EntityManager } from 'typeorm';
import { deterministicUuid, EVENT_STORE, EventFilter, EventStore, matchesFilter, RecordedEvent, storedForm } from '@lc/event-store';
import { Projection, RegisterProjection, StreamHistories, writeRows } from '@lc/projections';
import { NotificationView } from './notification.entity';
import { NOTIFIER, NotificationWithdrawal, Notifier, StreamHistory } from './notifier';

/**
 * What the projection reads: every event of the streams the notifiers want, whole, when every
 * notifier names its streams (the batches then carry the notifiers' histories, and StreamHistories
 * follows them instead of reading the streams again); otherwise the union of their filters.
 */
export function unionFilter(filters: EventFilter[]): EventFilter {
  // Nothing to notify about: a prefix no stream has, rather than {} which would mean every event.
  if (filters.length === 0) return { streamPrefixes: ['\u0000no-notifier'] };
  const everyHas = (key: keyof EventFilter) => filters.every((f) => f[key]?.length);
  const union = (key: keyof EventFilter) => [...new Set(filters.flatMap((f) => f[key] ?? []))];
  if (everyHas('streamPrefixes')) return { streamPrefixes: union('streamPrefixes') };
  return everyHas('eventTypes') ? { eventTypes: union('eventTypes') } : {};
}

@Injectable()
@RegisterProjection()
export class NotificationsProjection implements Projection {
  readonly name = 'notifications';
  readonly tables = ['notifications'];
  // A withdrawal deletes by subject.
  readonly indexesReadWhileApplying = ['notifications_subject'];
  // Titles and params name cases, employers, enterprises and accounts, never a claimant, worker or
  // informant: notifiers read no personal field, in the events or in their histories.
  readonly readsPersonalData = false as const;
  private readonly streams: StreamHistories;

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(EVENT_STORE) store: EventStore,
  ) {
    this.streams = new StreamHistories(storedForm(store));
  }

  get filter(): EventFilter {
    return unionFilter(this.notifiers().map((n) => n.filter));
  }

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    const rows: NotificationView[] = [];
    const withdrawals: NotificationWithdrawal[] = [];
    const notifiers = this.notifiers(); // once per batch: the look-up walks every provider
    this.streams.follow(events);
    const historyOf = this.histories(events.filter((e) => notifiers.some((n) => matchesFilter(e, n.filter))));
    for (const event of events) {
      for (const notifier of notifiers.filter((n) => matchesFilter(event, n.filter))) {
        for (const draft of await notifier.notify(event, historyOf)) {
          rows.push({
            id: deterministicUuid(
              'notification',
              event.eventId,
              draft.kind,
              draft.audience.role,
              draft.audience.subDistrict ?? '',
              ...(draft.audience.accountId ? [draft.audience.accountId] : []),
            ),
            kind: draft.kind,
            audienceRole: draft.audience.role,
            subDistrict: draft.audience.subDistrict,
            recipientId: draft.audience.accountId ?? null,
            subjectStream: draft.subject.stream,
            subjectId: draft.subject.id,
            titleZh: draft.title.zh,
            titleEn: draft.title.en,
            params: draft.params,
            createdAt: event.recordedAt,
          });
        }
        if (notifier.withdraw) withdrawals.push(...(await notifier.withdraw(event, historyOf)));
      }
    }
    await writeRows(tx, NotificationView, rows);
    // After the batch's own rows: what an event withdraws was raised by an earlier event, perhaps of this batch.
    for (const w of withdrawals) {
      await tx.query(`DELETE FROM notifications WHERE subject_stream = $1 AND kind = $2 AND params @> $3::jsonb`, [
        w.subjectStream,
        w.kind,
        JSON.stringify(w.params),
      ]);
    }
  }

  /**
   * The notifiers' histories for a batch: the streams of the events they are handed, found together
   * on the first question (most batches raise none), each event's history cut at its version.
   */
  private histories(events: RecordedEvent[]): StreamHistory {
    let streams: Promise<Map<string, RecordedEvent[]>> | undefined;
    return async (event) => {
      streams ??= this.streams.upTo(events);
      const stream = (await streams).get(event.streamId) ?? (await this.streams.upTo([event])).get(event.streamId)!;
      return stream.slice(0, event.streamVersion);
    };
  }

  /** Looked up each time rather than kept: cheap, and never a list taken before every provider existed. */
  private notifiers(): Notifier[] {
    const instances = this.discovery
      .getProviders()
      .filter((wrapper) => typeof wrapper.metatype === 'function' && Reflect.getMetadata(NOTIFIER, wrapper.metatype))
      .map((wrapper) => wrapper.instance as Notifier)
      .filter(Boolean);
    return [...new Set(instances)];
  }
}
