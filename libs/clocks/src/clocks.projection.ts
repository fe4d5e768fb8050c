import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EVENT_STORE, EventStore, RecordedEvent, storedForm } from '@lc/event-store';
import { Projection, RegisterProjection, StreamHistories, writeRows } from '@lc/projections';
import { ClockView } from './clock.entity';
import { CLOCK_STREAM_PREFIXES, deriveClocks, recordReference } from './clock-rules';
import { ClockScheduler } from './clock-scheduler';

/**
 * Keeps the clocks table: for each record touched by a batch, its clocks are derived again from
 * the record's stream up to the batch (a clock depends on several events, and the stream is
 * short; StreamHistories keeps the recent ones so that a batch rarely reads them). After the
 * commit, the scheduler brings the jobs of those clocks in line.
 */
@Injectable()
@RegisterProjection()
export class ClocksProjection implements Projection {
  readonly name = 'clocks';
  readonly filter = { streamPrefixes: CLOCK_STREAM_PREFIXES };
  readonly tables = ['clocks'];
  // Deadlines, case numbers and employers: no person's field, in the batch or in the streams it reads.
  readonly readsPersonalData = false as const;
  private readonly histories: StreamHistories;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly scheduler: ClockScheduler,
  ) {
    this.histories = new StreamHistories(storedForm(store));
  }

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    // Each touched record's clocks derived from its stream, then every clock of the batch written
    // with a few multi-row upserts.
    const rows: Partial<ClockView>[][] = [];
    for (const [streamId, stream] of await this.histories.upTo(events)) {
      const clocks = deriveClocks(streamId, stream);
      const record = clocks.length ? recordReference(stream) : undefined;
      rows.push(
        clocks.map((c) => ({
          clockId: c.clockId,
          kind: c.kind,
          subjectStream: c.subjectStream,
          subjectId: c.subjectId,
          subDistrict: c.subDistrict,
          reference: record?.reference ?? null,
          employerName: record?.employerName ?? null,
          employerCreditCode: record?.employerCreditCode ?? null,
          assignedTo: c.assignedTo,
          startedOn: c.startedOn,
          lastDay: c.lastDay,
          deadlineAt: c.deadlineAt,
          remindAt: c.remindAt,
          running: c.running,
          reminded: c.reminded,
          deadlineReached: c.deadlineReached,
          completedOn: c.completedOn,
          met: c.met,
        })),
      );
    }
    await writeRows(tx, ClockView, rows.flat(), ['clockId']);
  }

  async afterCommit(events: RecordedEvent[]): Promise<void> {
    await this.scheduler.syncStreams([...new Set(events.map((e) => e.streamId))]);
  }

  /**
   * A rebuild replays a past whose clocks already had their jobs: the running ones get theirs
   * again once at the end (ended clocks' jobs went when they ended, and a stale job does nothing).
   */
  async afterRebuild(): Promise<void> {
    await this.scheduler.reconcileAll();
  }
}
