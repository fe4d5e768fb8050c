import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, CLOCK } from '@lc/decider';
import { DisputeCase, DisputeCaseState, DisputeCommand, DisputeEvent, disputeCase, disputeStreamId } from '@lc/disputes';
import { EVENT_STORE, EventStore, RecordedEvent } from '@lc/event-store';
import { ScopedStreams } from '@lc/http';
import { AuthenticatedActor } from '@lc/access';
import { Mediation, MediationCommand, MediationEvent, MediationState, mediation, mediationStreamId } from '@lc/mediations';

export type RecordKind = 'dispute' | 'mediation';

/** What the documents need of a record: its events, its scope, its employer, the mediator. */
export interface LoadedRecord {
  kind: RecordKind;
  id: string;
  ref: string;
  subDistrict: string;
  mediatorId: string | null;
  employer: { name: string; creditCode: string };
  /** The day the record started (opened, referred). */
  startedOn: string;
  events: RecordedEvent[];
}

/**
 * The records documents are made from, read from their streams with the same scope rules as their
 * details (outside the caller's scope: 404, as if they did not exist).
 */
@Injectable()
export class RecordStreams {
  private readonly disputes: ScopedStreams<DisputeCommand, DisputeEvent, DisputeCaseState, DisputeCase>;
  private readonly mediations: ScopedStreams<MediationCommand, MediationEvent, MediationState, Mediation>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) clock: Clock,
    private readonly dataSource: DataSource,
  ) {
    this.disputes = new ScopedStreams(
      store,
      clock,
      disputeCase,
      disputeStreamId,
      (state) => (state.status === 'not_opened' ? undefined : state),
      (record) => ({ subDistrict: record.subDistrict, assignedTo: record.mediatorId }),
      'No such dispute case',
    );
    this.mediations = new ScopedStreams(
      store,
      clock,
      mediation,
      mediationStreamId,
      (state) => (state.status === 'not_referred' ? undefined : state),
      (record) => ({ subDistrict: record.subDistrict, assignedTo: record.mediatorId }),
      'No such mediation',
    );
  }

  async load(kind: RecordKind, id: string, actor: AuthenticatedActor): Promise<LoadedRecord> {
    if (kind === 'dispute') {
      const { record, events } = await this.disputes.load(id, actor);
      return {
        kind,
        id,
        ref: record.caseNo,
        subDistrict: record.subDistrict,
        mediatorId: record.mediatorId,
        employer: record.employer,
        startedOn: record.openedOn,
        events,
      };
    }
    const { record, events } = await this.mediations.load(id, actor);
    return {
      kind,
      id,
      ref: record.courtCaseNo,
      subDistrict: record.subDistrict,
      mediatorId: record.mediatorId,
      employer: record.employer,
      startedOn: record.referredOn,
      events,
    };
  }

  /** An account's name as people know it (display name, else username); null for none. */
  async accountName(id: string | null): Promise<string | null> {
    if (id === null || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    const rows = (await this.dataSource.query(`SELECT username, display_name FROM accounts WHERE id = $1::uuid`, [id])) as Array<{
      username: string;
      display_name: string | null;
    }>;
    return rows[0] ? (rows[0].display_name ?? rows[0].username) : null;
  }
}
