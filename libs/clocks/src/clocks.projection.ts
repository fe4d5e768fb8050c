import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EVENT_STORE, EventStore, RecordedEvent } from '@lc/event-store';
import { Projection, RegisterProjection } from '@lc/projections';
import { ClockView } from './clock.entity';
import { CLOCK_STREAM_PREFIXES, deriveClocks, recordReference } from './clock-rules';
import { ClockScheduler } from './clock-scheduler';

/**
 * Keeps the clocks table: for each record touched by a batch, its clocks are derived again from
 * the record's whole stream (a clock depends on several events, and the stream is short). After
 * the commit, the scheduler brings the jobs of those clocks in line.
 */
@Injectable()
@RegisterProjection()
export class ClocksProjection implements Projection {
  readonly name = 'clocks';
  readonly filter = { streamPrefixes: CLOCK_STREAM_PREFIXES };
  readonly tables = ['clocks'];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly scheduler: ClockScheduler,
  ) {}

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    for (const streamId of new Set(events.map((e) => e.streamId))) {
      const events = await this.store.readStream(streamId);
      const clocks = deriveClocks(streamId, events);
      if (clocks.length === 0) continue;
      const record = recordReference(events);
      await tx.upsert(
        ClockView,
        clocks.map((c) => ({
          clockId: c.clockId,
          kind: c.kind,
          subjectStream: c.subjectStream,
          subjectId: c.subjectId,
          subDistrict: c.subDistrict,
          reference: record?.reference ?? null,
          employerName: record?.employerName ?? null,
          assignedTo: c.assignedTo,
          startedOn: c.startedOn,
          lastDay: c.lastDay,
          deadlineAt: c.deadlineAt,
          remindAt: c.remindAt,
          running: c.running,
          reminded: c.reminded,
          deadlineReached: c.deadlineReached,
        })),
        ['clockId'],
      );
    }
  }

  async afterCommit(events: RecordedEvent[]): Promise<void> {
    await this.scheduler.syncStreams([...new Set(events.map((e) => e.streamId))]);
  }
}
