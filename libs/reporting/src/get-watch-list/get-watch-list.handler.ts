import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Clock, CLOCK, resolveHistoryWindow, shanghaiDate } from '@lc/decider';
import { Period } from '../shared/period';
import { reportScope } from '../shared/scope';
import { EnterpriseRecord, rankWatchList, WATCH_LIST_WEIGHTS, WatchListEntry } from './watch-list-score';
import { GetWatchListQuery } from './get-watch-list.query';

export interface WatchList {
  /** The days looked at (both included): by default the three years to today, as on the enterprise view. */
  window: Period;
  subDistrict: string | null;
  weights: typeof WATCH_LIST_WEIGHTS;
  total: number;
  items: WatchListEntry[];
}

interface Row {
  credit_code: string;
  name: string | null;
  disputes: number;
  group_disputes: number;
  open_disputes: number;
  mediations: number;
  alerts: number;
  red_alerts: number;
  yellow_alerts: number;
  workers_involved: number;
  amount_recovered_fen: string;
  sub_districts: string[];
  last_activity_on: string;
}

@QueryHandler(GetWatchListQuery)
export class GetWatchListHandler implements IQueryHandler<GetWatchListQuery, WatchList> {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ request, actor }: GetWatchListQuery): Promise<WatchList> {
    const scope = reportScope(actor, request.subDistrict);
    const window = resolveHistoryWindow(request, shanghaiDate(this.clock.now()));
    // Per enterprise: its dispute cases (opened), mediations (referred) and alerts (submitted) in the
    // window; the name is the one most recently recorded.
    const rows: Row[] = await this.dataSource.query(
      `WITH d AS (
         SELECT employer_credit_code AS credit_code,
                count(*)::int AS disputes,
                count(*) FILTER (WHERE group_dispute)::int AS group_disputes,
                count(*) FILTER (WHERE resolved_on IS NULL)::int AS open_disputes,
                sum(workers_involved)::int AS workers_involved,
                sum(amount_recovered_fen) AS amount_recovered_fen,
                max(opened_on) AS last_on,
                (array_agg(employer_name ORDER BY opened_on DESC))[1] AS name,
                array_agg(DISTINCT sub_district) AS subs
           FROM reporting_dispute_facts
          WHERE opened_on BETWEEN $1 AND $2 AND employer_credit_code <> '' AND ($3::text IS NULL OR sub_district = $3)
          GROUP BY 1),
       m AS (
         SELECT employer_credit_code AS credit_code, count(*)::int AS mediations, max(referred_on) AS last_on,
                (array_agg(employer_name ORDER BY referred_on DESC))[1] AS name, array_agg(DISTINCT sub_district) AS subs
           FROM reporting_mediation_facts
          WHERE referred_on BETWEEN $1 AND $2 AND employer_credit_code <> '' AND ($3::text IS NULL OR sub_district = $3)
          GROUP BY 1),
       a AS (
         SELECT credit_code, count(*)::int AS alerts,
                count(*) FILTER (WHERE grade = 'red')::int AS red_alerts,
                count(*) FILTER (WHERE grade = 'yellow')::int AS yellow_alerts,
                max(submitted_on) AS last_on,
                (array_agg(enterprise_name ORDER BY submitted_at DESC))[1] AS name, array_agg(DISTINCT sub_district) AS subs
           FROM reporting_alert_facts
          WHERE submitted_on BETWEEN $1 AND $2 AND credit_code IS NOT NULL AND ($3::text IS NULL OR sub_district = $3)
          GROUP BY 1)
       SELECT credit_code,
              -- The name on the latest record by its own date (the enterprise view's rule), not a source's.
              CASE greatest(d.last_on, m.last_on, a.last_on) WHEN d.last_on THEN d.name WHEN a.last_on THEN a.name ELSE m.name END AS name,
              coalesce(d.disputes, 0) AS disputes, coalesce(d.group_disputes, 0) AS group_disputes,
              coalesce(d.open_disputes, 0) AS open_disputes, coalesce(m.mediations, 0) AS mediations,
              coalesce(a.alerts, 0) AS alerts, coalesce(a.red_alerts, 0) AS red_alerts, coalesce(a.yellow_alerts, 0) AS yellow_alerts,
              coalesce(d.workers_involved, 0) AS workers_involved, coalesce(d.amount_recovered_fen, 0)::text AS amount_recovered_fen,
              ARRAY(SELECT DISTINCT s FROM unnest(coalesce(d.subs, '{}') || coalesce(m.subs, '{}') || coalesce(a.subs, '{}')) AS s ORDER BY s) AS sub_districts,
              greatest(d.last_on, m.last_on, a.last_on)::text AS last_activity_on
         FROM d FULL JOIN m USING (credit_code) FULL JOIN a USING (credit_code)
        WHERE coalesce(d.group_disputes, 0) > 0 OR coalesce(d.disputes, 0) + coalesce(m.mediations, 0) >= 2 OR coalesce(a.red_alerts, 0) > 0`,
      [window.from, window.to, scope],
    );
    const records: EnterpriseRecord[] = rows.map((r) => ({
      creditCode: r.credit_code,
      name: r.name ?? '',
      disputes: r.disputes,
      groupDisputes: r.group_disputes,
      openDisputes: r.open_disputes,
      mediations: r.mediations,
      redAlerts: r.red_alerts,
      yellowAlerts: r.yellow_alerts,
      alerts: r.alerts,
      workersInvolved: r.workers_involved,
      amountRecoveredFen: Number(r.amount_recovered_fen),
      subDistricts: r.sub_districts,
      lastActivityOn: r.last_activity_on,
    }));
    const ranked = rankWatchList(records);
    return { window, subDistrict: scope, weights: WATCH_LIST_WEIGHTS, total: ranked.length, items: ranked.slice(0, request.limit) };
  }
}
