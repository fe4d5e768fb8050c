import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Clock, CLOCK } from '@lc/decider';
import { WorkItem } from '../workload.schemas';
import { GetMyWorkQuery } from './get-my-work.query';
import { byUrgency, clockSummary, nextClock, RunningClock, urgencyOf } from './urgency';

interface RecordRow {
  kind: 'dispute' | 'mediation';
  id: string;
  reference: string;
  status: string;
  sub_district: string;
  category: string;
  employer_name: string;
  employer_credit_code: string;
  workers: number;
  since: string;
  updated_at: Date;
  version: number;
}

interface ClockRow {
  clock_id: string;
  kind: string;
  subject_id: string;
  started_on: string;
  last_day: string;
  deadline_at: Date;
  remind_at: Date;
}

/**
 * A mediator's home: the open cases and mediations assigned to them (and an agreed mediation
 * while its judicial-confirmation window runs), each with its most pressing running clock, most
 * urgent first. Not paged: it is one person's work in hand.
 */
@QueryHandler(GetMyWorkQuery)
export class GetMyWorkHandler implements IQueryHandler<GetMyWorkQuery> {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor }: GetMyWorkQuery) {
    const now = this.clock.now();
    const [records, clocks] = await Promise.all([
      this.dataSource.query(
        `SELECT 'dispute' AS kind, d.id, d.case_no AS reference, d.status, d.sub_district, d.category, d.employer_name,
                d.employer_credit_code, d.workers_involved AS workers, d.opened_on::text AS since, d.updated_at, d.version
           FROM dispute_cases d
          WHERE d.mediator_id = $1 AND d.status = 'open'
         UNION ALL
         SELECT 'mediation', m.id, m.court_case_no, m.status, m.sub_district, m.category, m.employer_name,
                m.employer_credit_code, m.workers_count, m.referred_on::text, m.updated_at, m.version
           FROM mediations m
          WHERE m.mediator_id = $1
            AND (m.status IN ('referred', 'in_progress')
                 OR EXISTS (SELECT 1 FROM clocks c WHERE c.subject_stream = 'mediation-' || m.id AND c.running))`,
        [actor.id],
      ) as Promise<RecordRow[]>,
      this.dataSource.query(
        `SELECT clock_id, kind, subject_id, started_on::text, last_day::text, deadline_at, remind_at
           FROM clocks WHERE assigned_to = $1 AND running AND kind <> 'alert_pickup'`,
        [actor.id],
      ) as Promise<ClockRow[]>,
    ]);
    const clocksOf = new Map<string, RunningClock[]>();
    for (const c of clocks) {
      const list = clocksOf.get(c.subject_id) ?? [];
      list.push({ clockId: c.clock_id, kind: c.kind, startedOn: c.started_on, lastDay: c.last_day, deadlineAt: c.deadline_at, remindAt: c.remind_at });
      clocksOf.set(c.subject_id, list);
    }
    const items = records
      .map((r) => {
        const clock = nextClock(clocksOf.get(r.id) ?? []);
        return {
          item: {
            kind: r.kind,
            id: r.id,
            reference: r.reference,
            status: r.status,
            subDistrict: r.sub_district,
            category: r.category,
            employer: { name: r.employer_name, creditCode: r.employer_credit_code },
            workers: Number(r.workers),
            since: r.since,
            nextClock: clock ? clockSummary(clock, now) : null,
            urgency: urgencyOf(clock, now),
            updatedAt: r.updated_at,
            version: Number(r.version),
          } as WorkItem,
          deadlineAt: clock?.deadlineAt ?? null,
        };
      })
      .sort((a, b) => byUrgency({ ...a.item, deadlineAt: a.deadlineAt }, { ...b.item, deadlineAt: b.deadlineAt }))
      .map((x) => x.item);
    return {
      items,
      counts: {
        cases: items.filter((i) => i.kind === 'dispute').length,
        mediations: items.filter((i) => i.kind === 'mediation').length,
        overdue: items.filter((i) => i.urgency === 'overdue').length,
        dueSoon: items.filter((i) => i.urgency === 'due_soon').length,
      },
      asOf: now,
    };
  }
}
