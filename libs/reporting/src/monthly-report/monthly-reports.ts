import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, CLOCK, DomainError } from '@lc/decider';
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
 * someone asking for it); the loser answers with the stored one. Only an explicit regeneration
 * replaces it (after past records were imported, say).
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

  async exists(month: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM reporting_monthly_reports WHERE month = $1`, [month]);
    return rows.length > 0;
  }

  /** The month's stored report, or a new one stored now; `regenerate` replaces a stored one. */
  async generate(
    month: string,
    trigger: MonthlyReport['trigger'],
    generatedBy: string | null,
    options: { regenerate?: boolean; waitMs?: number } = {},
  ): Promise<StoredReport> {
    const period = monthPeriod(month);
    if (!periodIsOver(period, this.clock.now())) {
      throw new DomainError('unprocessable', `${month} is not over yet: its report can be made from ${period.to} midnight on`, [
        { field: 'month', message: 'must be a month that has ended' },
      ]);
    }
    if (!options.regenerate) {
      const stored = await this.find(month);
      if (stored) return { report: stored, created: false };
    }
    if (!(await this.freshness.waitUntilCaughtUp(options.waitMs ?? MonthlyReports.freshnessWaitMs))) {
      throw new DomainError('conflict', 'the statistics are still catching up with recent records; try again in a moment');
    }
    const report = await this.build(month, trigger);
    const rows: { month: string }[] = await this.dataSource.query(
      `INSERT INTO reporting_monthly_reports (month, generated_at, trigger, generated_by, content)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (month) DO ${options.regenerate ? 'UPDATE SET generated_at = EXCLUDED.generated_at, trigger = EXCLUDED.trigger, generated_by = EXCLUDED.generated_by, content = EXCLUDED.content' : 'NOTHING'}
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
   * Clocks overdue at the month's end: running (the work is not done) with a deadline before it.
   * The clocks table knows only each clock's current state, so a clock stopped since then no longer
   * shows; made on the 1st, as scheduled, the report misses only what was done that morning.
   */
  private async overdueAt(end: Date): Promise<OverdueClockRow[]> {
    const rows: { sub_district: string; kind: string; overdue: number }[] = await this.dataSource.query(
      `SELECT coalesce(sub_district, '') AS sub_district, kind, count(*)::int AS overdue
         FROM clocks WHERE running AND deadline_at < $1
        GROUP BY 1, 2`,
      [end],
    );
    return rows.map((r) => ({ subDistrict: r.sub_district, kind: r.kind, overdue: r.overdue }));
  }
}
