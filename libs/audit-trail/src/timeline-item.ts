import { DataSource } from 'typeorm';
import { RecordedEvent } from '@lc/event-store';
import { isUuid } from '@lc/reference-data';

/** One step of a record's audit trail: who did what, when. */
export interface TimelineItem {
  version: number;
  type: string;
  data: Record<string, unknown>;
  actorId: string | null;
  actorRole: string | null;
  /** Who, as people know them: filled by nameActors (null for the system's own events and unknown accounts). */
  actor: { id: string | null; role: string | null; displayName: string | null; username: string | null };
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
    actor: {
      id: (event.metadata.actorId as string | undefined) ?? null,
      role: (event.metadata.actorRole as string | undefined) ?? null,
      displayName: null,
      username: null,
    },
    recordedAt: event.recordedAt,
  };
}

/**
 * Names each item's actor from the accounts read model: the display name (the username when none
 * was given) as the account has it now, and its username. One query for the whole timeline.
 */
export async function nameActors(dataSource: DataSource, items: TimelineItem[]): Promise<TimelineItem[]> {
  const ids = [...new Set(items.map((i) => i.actorId).filter(isUuid))];
  if (ids.length === 0) return items;
  const rows = (await dataSource.query(`SELECT id::text AS id, username, display_name FROM accounts WHERE id = ANY($1::uuid[])`, [ids])) as Array<{
    id: string;
    username: string;
    display_name: string | null;
  }>;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return items.map((item) => {
    const account = item.actorId ? byId.get(item.actorId) : undefined;
    return account ? { ...item, actor: { ...item.actor, displayName: account.display_name ?? account.username, username: account.username } } : item;
  });
}
