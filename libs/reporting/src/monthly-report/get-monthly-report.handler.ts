import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { DomainError } from '@lc/decider';
import { EVENT_STORE, EventStore } from '@lc/event-store';
import { isUuid } from '@lc/reference-data';
import { Summary } from '../summary/summary';
import { reportScope } from '../shared/scope';
import { GetMonthlyReportQuery } from './get-monthly-report.query';
import { MonthlyReport, scopeMonthlyReport } from './monthly-report';
import { MonthlyReportRevisedData, monthlyReportStream } from './monthly-report-audit.decider';
import { differs, MonthlyReports } from './monthly-reports';

/** One version of a month's report, with who issued it and why: the report's audit, on the page. */
export interface MonthlyReportVersion {
  revision: number;
  generatedAt: string;
  /** The account that issued it; null when the monthly job did. */
  generatedBy: string | null;
  current: boolean;
  /** Why this revision was issued (its MonthlyReportRevised event); null for the report as first issued. */
  reason: string | null;
  /**
   * Who issued it, as the timelines name people: the role they acted in (the revision's event; the
   * account's role for the first issue, which has no event), the name as the account has it now.
   * All null for the monthly job.
   */
  actor: { id: string | null; role: string | null; displayName: string | null; username: string | null };
}

export interface MonthlyReportView {
  /** Whose rows the view has: null for the whole district. */
  subDistrict: string | null;
  report: MonthlyReport;
  /** Which version this is (1: as first issued) and which is current. */
  revision: number;
  currentRevision: number;
  /** Later events changed the month's figures since this version was issued. */
  outOfDate: boolean;
  /** When out of date: the month's figures as they are now, beside the issued ones. */
  live: Summary | null;
  versions: MonthlyReportVersion[];
}

/**
 * The stored report of a month. A month that has ended but has no report yet (a past year, just
 * imported; a month before the system ran) gets it now, as the monthly job would have made it.
 */
@QueryHandler(GetMonthlyReportQuery)
export class GetMonthlyReportHandler implements IQueryHandler<GetMonthlyReportQuery, MonthlyReportView> {
  constructor(
    private readonly reports: MonthlyReports,
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ month, subDistrict, actor, revision }: GetMonthlyReportQuery): Promise<MonthlyReportView> {
    const scope = reportScope(actor, subDistrict);
    if (!(await this.reports.exists(month))) await this.reports.generate(month, 'on_demand', actor.id);
    const current = await this.reports.findVersion(month);
    const shown = revision === undefined ? current : await this.reports.findVersion(month, revision);
    if (!current || !shown) throw new DomainError('not_found', `${month} has no revision ${revision}`, [{ field: 'revision', message: 'is not a version of this report' }]);
    // The live figures, built as the report would be now: a back-dated case or an import shows here.
    const live = await this.reports.build(month, 'on_demand');
    const outOfDate = differs(shown.report, live);
    return {
      subDistrict: scope,
      report: scopeMonthlyReport(shown.report, scope),
      revision: shown.revision,
      currentRevision: current.revision,
      outOfDate,
      live: outOfDate ? scopeMonthlyReport(live, scope).summary : null,
      versions: await this.versions(month),
    };
  }

  /**
   * The stored versions with their audit: each revision's reason and role from the report's stream
   * (monthly-report-YYYY-MM), names from the accounts read model (GET /reports/monthly reads it,
   * and its freshness says so).
   */
  private async versions(month: string): Promise<MonthlyReportVersion[]> {
    const [versions, events] = await Promise.all([this.reports.versions(month), this.store.readStream(monthlyReportStream(month))]);
    const revisions = new Map<number, { reason: string; role: string | null }>();
    for (const event of events) {
      if (event.type !== 'MonthlyReportRevised') continue;
      const { revision, reason } = event.data as unknown as MonthlyReportRevisedData;
      revisions.set(revision, { reason, role: event.metadata.actorRole ?? null });
    }
    const ids = [...new Set(versions.map((v) => v.generatedBy).filter(isUuid))];
    const accounts: Array<{ id: string; username: string; display_name: string | null; role: string }> = ids.length
      ? await this.dataSource.query(`SELECT id::text AS id, username, display_name, role FROM accounts WHERE id = ANY($1::uuid[])`, [ids])
      : [];
    const byId = new Map(accounts.map((a) => [a.id, a]));
    return versions.map((version) => {
      const revised = revisions.get(version.revision);
      const account = version.generatedBy ? byId.get(version.generatedBy) : undefined;
      return {
        ...version,
        reason: revised?.reason ?? null,
        actor: {
          id: version.generatedBy,
          role: revised?.role ?? account?.role ?? null,
          displayName: account ? (account.display_name ?? account.username) : null,
          username: account?.username ?? null,
        },
      };
    });
  }
}
