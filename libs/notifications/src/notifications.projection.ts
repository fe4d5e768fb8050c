import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { EntityManager } from 'typeorm';
import { deterministicUuid, EventFilter, matchesFilter, RecordedEvent } from '@lc/event-store';
import { Projection, RegisterProjection } from '@lc/projections';
import { NotificationView } from './notification.entity';
import { NOTIFIER, Notifier } from './notifier';

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
  constructor(private readonly discovery: DiscoveryService) {}

  get filter(): EventFilter {
    return unionFilter(this.notifiers().map((n) => n.filter));
  }

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    const rows: NotificationView[] = [];
    const notifiers = this.notifiers(); // once per batch: the look-up walks every provider
    for (const event of events) {
      for (const notifier of notifiers.filter((n) => matchesFilter(event, n.filter))) {
        for (const draft of await notifier.notify(event)) {
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
      }
    }
    // Chunks keep each INSERT under PostgreSQL's 65,535 parameters (10 a row).
    for (let i = 0; i < rows.length; i += 1000) await tx.insert(NotificationView, rows.slice(i, i + 1000));
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
