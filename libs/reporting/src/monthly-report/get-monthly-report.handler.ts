import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@lc/decider';
import { Summary } from '../summary/summary';
import { reportScope } from '../shared/scope';
import { GetMonthlyReportQuery } from './get-monthly-report.query';
import { MonthlyReport, scopeMonthlyReport } from './monthly-report';
import { differs, MonthlyReports } from './monthly-reports';

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
  versions: Array<{ revision: number; generatedAt: string; generatedBy: string | null; current: boolean }>;
}

/**
 * The stored report of a month. A month that has ended but has no report yet (a past year, just
 * imported; a month before the system ran) gets it now, as the monthly job would have made it.
 */
@QueryHandler(GetMonthlyReportQuery)
export class GetMonthlyReportHandler implements IQueryHandler<GetMonthlyReportQuery, MonthlyReportView> {
  constructor(private readonly reports: MonthlyReports) {}

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
      versions: await this.reports.versions(month),
    };
  }
}
