import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, CLOCK, DomainError, shanghaiDate } from '@lc/decider';
import { endOfPeriod, monthPeriod, periodIsOver } from '../shared/period';
import { StatisticsFreshness } from '../statistics/statistics-freshness';
import { StatisticsReader } from '../summary/statistics-reader';
import { Summary } from '../summary/summary';
import { buildMonthlyReport, MonthCounter, MonthlyReport, OverdueClockRow } from './monthly-report';

export interface StoredReport {
  report: MonthlyReport;
  /** Whether this call made it (false: it was there already). */
  created: boolean;
}

/**
 * Makes, stores and finds the monthly reports. A month's report is made once: the table's key is
 * the month and the insert does nothing when a report is there (two jobs at once, the scheduler and
 * someone asking for it); the loser answers with the stored one. An issued report is never
 * replaced in place: later figures (past records imported, a back-dated case) make a revision,
 * which keeps the version it replaces (`revise`).
 */
@Injectable()
export class MonthlyReports {
  /** How long a request waits for the statistics to catch up before giving up. */
  static freshnessWaitMs = 10_000;

  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: StatisticsReader,
    private readonly freshness: StatisticsFreshness,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async find(month: string): Promise<MonthlyReport | undefined> {
    const rows: { content: MonthlyReport }[] = await this.dataSource.query(`SELECT content FROM reporting_monthly_reports WHERE month = $1`, [
      month,
    ]);
    return rows[0]?.content;
  }

  /** The issued version of a month (current) and every version it replaced, newest first. */
  async versions(month: string): Promise<Array<{ revision: number; generatedAt: string; generatedBy: string | null; current: boolean }>> {
    const rows: Array<{ revision: number; generated_at: Date; generated_by: string | null; current: boolean }> = await this.dataSource.query(
      `SELECT revision, generated_at, generated_by, true AS current FROM reporting_monthly_reports WHERE month = $1
       UNION ALL
       SELECT revision, generated_at, generated_by, false FROM reporting_monthly_report_revisions WHERE month = $1
       ORDER BY revision DESC`,
      [month],
    );
    return rows.map((r) => ({ revision: r.revision, generatedAt: r.generated_at.toISOString(), generatedBy: r.generated_by, current: r.current }));
  }

  /** One version as issued: the current one, or one a revision replaced. */
  async findVersion(month: string, revision?: number): Promise<{ report: MonthlyReport; revision: number } | undefined> {
    const rows: { content: MonthlyReport; revision: number }[] = await this.dataSource.query(
      `SELECT content, revision FROM reporting_monthly_reports WHERE month = $1 AND ($2::int IS NULL OR revision = $2)
       UNION ALL
       SELECT content, revision FROM reporting_monthly_report_revisions WHERE month = $1 AND revision = $2`,
      [month, revision ?? null],
    );
    return rows[0] && { report: rows[0].content, revision: rows[0].revision };
  }

  /**
   * Issues a revision of an issued report: the figures as they are now replace the current version,
   * which is kept (both readable). Refused when nothing changed since, or while the statistics lag.
   */
  async revise(month: string, revisedBy: string): Promise<{ report: MonthlyReport; revision: number }> {
    const current = await this.findVersion(month);
    if (!current) throw new DomainError('not_found', `No report was issued for ${month}`, [{ field: 'month', message: 'has no issued report' }]);
    if (!(await this.freshness.waitUntilCaughtUp(MonthlyReports.freshnessWaitMs))) {
      throw new DomainError('conflict', 'the statistics are still catching up with recent records; try again in a moment');
    }
    const live = await this.build(month, 'on_demand');
    if (!differs(current.report, live)) {
      throw new DomainError('unprocessable', `The report for ${month} is up to date: nothing to revise`, [{ field: 'month', message: 'is up to date' }]);
    }
    const revision = await this.dataSource.transaction(async (tx) => {
      const [row]: { revision: number }[] = await tx.query(`SELECT revision FROM reporting_monthly_reports WHERE month = $1 FOR UPDATE`, [month]);
      await tx.query(
        `INSERT INTO reporting_monthly_report_revisions (month, revision, generated_at, trigger, generated_by, content)
         SELECT month, revision, generated_at, trigger, generated_by, content FROM reporting_monthly_reports WHERE month = $1`,
        [month],
      );
      await tx.query(
        `UPDATE reporting_monthly_reports SET revision = revision + 1, generated_at = $2, trigger = 'revision', generated_by = $3, content = $4 WHERE month = $1`,
        [month, live.generatedAt, revisedBy, JSON.stringify(live)],
      );
      return row.revision + 1;
    });
    return { report: live, revision };
  }

  async exists(month: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM reporting_monthly_reports WHERE month = $1`, [month]);
    return rows.length > 0;
  }

  /** The month's stored report, or a new one stored now. */
  async generate(month: string, trigger: MonthlyReport['trigger'], generatedBy: string | null, options: { waitMs?: number } = {}): Promise<StoredReport> {
    const period = monthPeriod(month);
    if (!periodIsOver(period, this.clock.now())) {
      throw new DomainError('unprocessable', `${month} is not over yet: its report can be made from ${period.to} midnight on`, [
        { field: 'month', message: 'must be a month that has ended' },
      ]);
    }
    const stored = await this.find(month);
    if (stored) return { report: stored, created: false };
    if (!(await this.freshness.waitUntilCaughtUp(options.waitMs ?? MonthlyReports.freshnessWaitMs))) {
      throw new DomainError('conflict', 'the statistics are still catching up with recent records; try again in a moment');
    }
    const report = await this.build(month, trigger);
    const rows: { month: string }[] = await this.dataSource.query(
      `INSERT INTO reporting_monthly_reports (month, generated_at, trigger, generated_by, content)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (month) DO NOTHING
       RETURNING month`,
      [month, report.generatedAt, trigger, generatedBy, JSON.stringify(report)],
    );
    if (rows.length === 0) return { report: (await this.find(month)) as MonthlyReport, created: false };
    return { report, created: true };
  }

  /** The month's report as it would be made now (not stored). */
  async build(month: string, trigger: MonthlyReport['trigger']): Promise<MonthlyReport> {
    const period = monthPeriod(month);
    const bucket = [{ key: month, period }];
    const [counters, summaries, overdueClocks] = await Promise.all([
      this.reader.counters(bucket, { groupBy: ['sub_district', 'category'] }),
      this.reader.summaries(bucket, { bySubDistrict: true }),
      this.overdueAt(endOfPeriod(period)),
    ]);
    const total = summaries.find((s) => s.subDistrict === null)?.summary as Summary;
    const bySubDistrict = Object.fromEntries(summaries.filter((s) => s.subDistrict !== null).map((s) => [s.subDistrict as string, s.summary]));
    return buildMonthlyReport({
      month,
      generatedAt: this.clock.now(),
      trigger,
      counters: counters as MonthCounter[],
      summary: total,
      summaries: bySubDistrict,
      overdueClocks,
    });
  }

  /**
   * Clocks overdue at the month's end, judged on the records' own dates: a deadline before it, and
   * the work not done by then (still running, or done on a day after the month, completed_on).
   * A back-dated resolution within the month takes its clock out, even if it was typed in later.
   * The clocks table knows only each clock's current deadline (a reopened case's 15 days run
   * afresh), so a revision made long after may not see every clock as it stood then.
   */
  private async overdueAt(end: Date): Promise<OverdueClockRow[]> {
    const rows: { sub_district: string; kind: string; overdue: number }[] = await this.dataSource.query(
      `SELECT coalesce(sub_district, '') AS sub_district, kind, count(*)::int AS overdue
         FROM clocks WHERE deadline_at < $1 AND (running OR completed_on >= $2::date)
        GROUP BY 1, 2`,
      [end, shanghaiDate(end)],
    );
    return rows.map((r) => ({ subDistrict: r.sub_district, kind: r.kind, overdue: r.overdue }));
  }
}

/**
 * Whether later events changed a month's figures: the counts and amounts of its tables, not when
 * it was made, nor the overdue clocks (a snapshot of the clocks on the day it was made).
 */
export function differs(issued: MonthlyReport, live: MonthlyReport): boolean {
  const figures = (r: MonthlyReport) => canonical([r.summary, r.summaries, r.disputes, r.complaints, r.mediations, r.alerts]);
  return figures(issued) !== figures(live);
}

/** JSON with object keys sorted: a report read back from jsonb has its keys in another order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
