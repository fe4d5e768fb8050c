import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RecordedEvent } from '@lc/event-store';
import { addRows, Projection, RegisterProjection } from '@lc/projections';
import { TimelineEntry } from './timeline-entry.entity';

@Injectable()
@RegisterProjection()
export class TimelineProjection implements Projection {
  readonly name = 'timeline';
  readonly filter = {};
  readonly tables = ['timeline_entries'];
  // Who did what when: no event's data is read.
  readonly readsPersonalData = false as const;

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    // A plain insert (by COPY in a rebuild, where it is the largest write: a row per event):
    // applying an event twice would break the primary key, never pass silently.
    await addRows(
      tx,
      TimelineEntry,
      events.map((e) => ({
        eventId: e.eventId,
        streamId: e.streamId,
        streamVersion: e.streamVersion,
        type: e.type,
        actorId: (e.metadata.actorId as string | undefined) ?? null,
        actorRole: (e.metadata.actorRole as string | undefined) ?? null,
        correlationId: (e.metadata.correlationId as string | undefined) ?? null,
        recordedAt: e.recordedAt,
        globalPosition: e.globalPosition,
      })),
    );
  }
}
