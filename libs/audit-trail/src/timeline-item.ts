import { RecordedEvent } from '@lc/event-store';

/** One step of a record's audit trail: who did what, when. */
export interface TimelineItem {
  version: number;
  type: string;
  data: Record<string, unknown>;
  actorId: string | null;
  actorRole: string | null;
  recordedAt: Date;
}

/** `maskData` hides the personal data a record's events carry, since a timeline is shown to all who see the record. */
export function timelineItem(
  event: RecordedEvent,
  maskData: (type: string, data: Record<string, unknown>) => Record<string, unknown>,
): TimelineItem {
  return {
    version: event.streamVersion,
    type: event.type,
    data: maskData(event.type, event.data),
    actorId: (event.metadata.actorId as string | undefined) ?? null,
    actorRole: (event.metadata.actorRole as string | undefined) ?? null,
    recordedAt: event.recordedAt,
  };
}
