import { Injectable } from '@nestjs/common';
import { EntityManager, In, ObjectLiteral } from 'typeorm';
import { RecordedEvent } from '@lc/event-store';
import { Projection, RegisterProjection, writeRows } from '@lc/projections';
import { Contribution, counterDelta, parseCounterKey } from './metrics';
import {
  ALERT_FACT_EVENTS,
  AlertFact,
  alertContributions,
  blankInformant,
  COMPLAINT_FACT_EVENTS,
  ComplaintFact,
  complaintContributions,
  DISPUTE_FACT_EVENTS,
  DisputeFact,
  disputeContributions,
  evolveAlert,
  evolveComplaint,
  evolveDispute,
  evolveInformant,
  evolveMediation,
  INFORMANT_FACT_EVENTS,
  InformantFact,
  informantIdOf,
  MEDIATION_FACT_EVENTS,
  MediationFact,
  mediationContributions,
  StatEvent,
  STATISTICS_EVENT_TYPES,
} from './facts';
import { AlertFactRow, ComplaintFactRow, DisputeFactRow, InformantFactRow, MediationFactRow } from './entities';

/** One kind of record: how to find its events, fold them, and what it counts. */
interface FactKind<Fact> {
  types: readonly string[];
  entity: new () => ObjectLiteral;
  evolve(fact: Fact | undefined, event: StatEvent): Fact | undefined;
  contributions(fact: Fact | undefined): Contribution[];
}

const KINDS = {
  dispute: { types: DISPUTE_FACT_EVENTS, entity: DisputeFactRow, evolve: evolveDispute, contributions: disputeContributions } as FactKind<DisputeFact>,
  complaint: { types: COMPLAINT_FACT_EVENTS, entity: ComplaintFactRow, evolve: evolveComplaint, contributions: complaintContributions } as FactKind<ComplaintFact>,
  mediation: { types: MEDIATION_FACT_EVENTS, entity: MediationFactRow, evolve: evolveMediation, contributions: mediationContributions } as FactKind<MediationFact>,
  alert: { types: ALERT_FACT_EVENTS, entity: AlertFactRow, evolve: evolveAlert, contributions: alertContributions } as FactKind<AlertFact>,
};

/** Records per read: an IN list of parameters, far below PostgreSQL's 65,535. */
const CHUNK = 1000;

/**
 * The statistics read model: counters per China Standard Time day x sub-district x category x
 * channel (see metrics.ts), and per-record facts. For each batch, every record it touches is
 * loaded once, folded through the batch's events, and its counters move by the difference between
 * its contributions before and after; facts and counters are written with a few statements per
 * batch, in the runner's transaction together with the checkpoint.
 *
 * Rebuild: `npm run projections:rebuild -- statistics`. The monthly reports are not part of it:
 * they are snapshots of what the figures were when they were made.
 */
@Injectable()
@RegisterProjection()
export class StatisticsProjection implements Projection {
  readonly name = 'statistics';
  // By type, not by stream prefix: alerts and informants are another context's streams.
  readonly filter = { eventTypes: STATISTICS_EVENT_TYPES };
  readonly tables = [
    'reporting_daily_counts',
    'reporting_dispute_facts',
    'reporting_complaint_facts',
    'reporting_mediation_facts',
    'reporting_alert_facts',
    'reporting_informant_facts',
  ];
  // Counts, amounts, dates and employers: never a person's name, ID number or phone.
  readonly readsPersonalData = false as const;

  async apply(recorded: RecordedEvent[], tx: EntityManager): Promise<void> {
    const events: StatEvent[] = recorded.map((e) => ({ type: e.type, data: e.data ?? {}, streamId: e.streamId, recordedAt: e.recordedAt }));
    const delta = new Map<string, number>();
    const addDelta = (changes: Map<string, number>) => {
      for (const [key, value] of changes) delta.set(key, (delta.get(key) ?? 0) + value);
    };

    for (const kind of Object.values(KINDS) as FactKind<unknown>[]) {
      const mine = events.filter((e) => kind.types.includes(e.type));
      if (mine.length === 0) continue;
      const streamIds = [...new Set(mine.map((e) => e.streamId))];
      const loaded = new Map<string, unknown>();
      for (let i = 0; i < streamIds.length; i += CHUNK) {
        const rows = await tx.findBy(kind.entity, { streamId: In(streamIds.slice(i, i + CHUNK)) });
        for (const row of rows) loaded.set(row.streamId as string, { ...row });
      }
      const current = new Map(loaded);
      for (const event of mine) current.set(event.streamId, kind.evolve(current.get(event.streamId), event));
      const changed: ObjectLiteral[] = [];
      for (const streamId of streamIds) {
        const before = loaded.get(streamId);
        const after = current.get(streamId);
        if (after === undefined) continue;
        addDelta(counterDelta(kind.contributions(before), kind.contributions(after)));
        changed.push(after as ObjectLiteral);
      }
      // One write for the batch: writeRows stages the rows (ADR 0019) or splits them within the parameter limit itself.
      await writeRows(tx, kind.entity, changed, ['streamId']);
    }

    await this.applyInformants(events, tx);
    await this.applyCounters(delta, tx);
  }

  private async applyInformants(events: StatEvent[], tx: EntityManager): Promise<void> {
    const mine = events.filter(
      (e) => (INFORMANT_FACT_EVENTS as readonly string[]).includes(e.type) || (e.type === 'AlertSubmitted' && typeof e.data.informantId === 'string'),
    );
    if (mine.length === 0) return;
    const ids = [...new Set(mine.map(informantIdOf))];
    const facts = new Map<string, InformantFact>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      for (const row of await tx.findBy(InformantFactRow, { informantId: In(ids.slice(i, i + CHUNK)) })) facts.set(row.informantId, { ...row });
    }
    for (const event of mine) {
      const id = informantIdOf(event);
      facts.set(id, evolveInformant(facts.get(id) ?? blankInformant(id), event));
    }
    await writeRows(tx, InformantFactRow, [...facts.values()], ['informantId']);
  }

  private async applyCounters(delta: Map<string, number>, tx: EntityManager): Promise<void> {
    const entries = [...delta].filter(([, value]) => value !== 0);
    // Seven array parameters whatever the count: the batch's counters in one statement (a rebuild's
    // page moves thousands of them; each round trip more lengthens the longest chain of a rebuild).
    if (entries.length) {
      const counters = entries.map(([key, value]) => ({ ...parseCounterKey(key), value }));
      const column = <K extends keyof (typeof counters)[number]>(k: K) => counters.map((c) => c[k]);
      await tx.query(
        `INSERT INTO reporting_daily_counts AS c (day, sub_district, category, channel, detail, metric, value)
         SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])
         ON CONFLICT (day, sub_district, category, channel, detail, metric) DO UPDATE SET value = c.value + EXCLUDED.value`,
        [
          column('day'),
          column('subDistrict'),
          column('category'),
          column('channel'),
          column('detail'),
          column('metric'),
          column('value').map(String),
        ],
      );
    }
    // Counters that moved back to zero (a reopened case's old resolution day) are noise in the table.
    const days = [...new Set(entries.map(([key]) => parseCounterKey(key).day))];
    if (days.length) await tx.query(`DELETE FROM reporting_daily_counts WHERE value = 0 AND day = ANY($1::date[])`, [days]);
  }
}
