import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { reportScope } from '../shared/scope';
import { GetMonthlyReportQuery } from './get-monthly-report.query';
import { MonthlyReport, scopeMonthlyReport } from './monthly-report';
import { MonthlyReports } from './monthly-reports';

export interface MonthlyReportView {
  /** Whose rows the view has: null for the whole district. */
  subDistrict: string | null;
  report: MonthlyReport;
}

/**
 * The stored report of a month. A month that has ended but has no report yet (a past year, just
 * imported; a month before the system ran) gets it now, as the monthly job would have made it.
 */
@QueryHandler(GetMonthlyReportQuery)
export class GetMonthlyReportHandler implements IQueryHandler<GetMonthlyReportQuery, MonthlyReportView> {
  constructor(private readonly reports: MonthlyReports) {}

  async execute({ month, subDistrict, actor }: GetMonthlyReportQuery): Promise<MonthlyReportView> {
    const scope = reportScope(actor, subDistrict);
    const stored = (await this.reports.find(month)) ?? (await this.reports.generate(month, 'on_demand', actor.id)).report;
    return { subDistrict: scope, report: scopeMonthlyReport(stored, scope) };
  }
}
