import { Inject, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { EntityManager } from 'typeorm';
import { deterministicUuid, EVENT_STORE, EventFilter, EventStore, matchesFilter, RecordedEvent } from '@lc/event-store';
import { Projection, RegisterProjection, writeRows } from '@lc/projections';
import { NotificationView } from './notification.entity';
import { NOTIFIER, NotificationWithdrawal, Notifier, StreamHistory } from './notifier';

/** Streams read in one round trip for a batch's notifiers. */
const STREAMS_PER_READ = 500;

/** The smallest filter that lets through every event some notifier wants (the union of their filters). */
export function unionFilter(filters: EventFilter[]): EventFilter {
  // Nothing to notify about: a prefix no stream has, rather than {} which would mean every event.
  if (filters.length === 0) return { streamPrefixes: ['\u0000no-notifier'] };
  const everyHas = (key: keyof EventFilter) => filters.every((f) => f[key]?.length);
  const union = (key: keyof EventFilter) => [...new Set(filters.flatMap((f) => f[key] ?? []))];
  return {
    ...(everyHas('streamPrefixes') ? { streamPrefixes: union('streamPrefixes') } : {}),
    ...(everyHas('eventTypes') ? { eventTypes: union('eventTypes') } : {}),
  };
}

@Injectable()
@RegisterProjection()
export class NotificationsProjection implements Projection {
  readonly name = 'notifications';
  readonly tables = ['notifications'];
  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  get filter(): EventFilter {
    return unionFilter(this.notifiers().map((n) => n.filter));
  }

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    const rows: NotificationView[] = [];
    const withdrawals: NotificationWithdrawal[] = [];
    const notifiers = this.notifiers(); // once per batch: the look-up walks every provider
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
   * The notifiers' histories for a batch: the streams of the events they are handed, read together
   * on the first question (most batches raise none), each event's history cut at its version.
   */
  private histories(events: RecordedEvent[]): StreamHistory {
    let streams: Promise<Map<string, RecordedEvent[]>> | undefined;
    const readAll = async () => {
      const ids = [...new Set(events.map((e) => e.streamId))];
      const all = new Map<string, RecordedEvent[]>();
      for (let i = 0; i < ids.length; i += STREAMS_PER_READ) {
        for (const [id, stream] of await this.store.readStreams(ids.slice(i, i + STREAMS_PER_READ))) all.set(id, stream);
      }
      return all;
    };
    return async (event) => {
      streams ??= readAll();
      const stream = (await streams).get(event.streamId) ?? (await this.store.readStream(event.streamId));
      return stream.filter((e) => e.streamVersion <= event.streamVersion);
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
