import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@lc/decider';
import { reportScope } from '../shared/scope';
import { GenerateMonthlyReportCommand } from './generate-monthly-report.command';
import { MonthlyReport, scopeMonthlyReport } from './monthly-report';
import { MonthlyReports } from './monthly-reports';

/**
 * On demand, the same report the monthly job makes: stored once; asking again answers with the
 * stored one (created: false). An issued report is what the district was told that month and keeps
 * its figures: `regenerate: true` on a month that has one is a 409 pointing to the revisions
 * (POST /reports/monthly/revisions, with a reason, audited, both versions kept). On a month with
 * none it issues the report as usual.
 */
@CommandHandler(GenerateMonthlyReportCommand)
export class GenerateMonthlyReportHandler implements ICommandHandler<GenerateMonthlyReportCommand> {
  constructor(private readonly reports: MonthlyReports) {}

  async execute({ request, actor }: GenerateMonthlyReportCommand): Promise<{ created: boolean; report: MonthlyReport }> {
    const scope = reportScope(actor, undefined);
    if (request.regenerate && (await this.reports.exists(request.month))) {
      throw new DomainError(
        'conflict',
        `The report for ${request.month} was issued already and keeps the figures it was issued with. To issue it with the figures as they are now, ` +
          'issue a revision: POST /api/v1/reports/monthly/revisions {month, reason} (administrators and district supervisors; the version it replaces stays readable).',
        [{ field: 'regenerate', message: 'an issued report is not replaced: issue a revision (POST /api/v1/reports/monthly/revisions)' }],
      );
    }
    const { report, created } = await this.reports.generate(request.month, 'on_demand', actor.id);
    return { created, report: scopeMonthlyReport(report, scope) };
  }
}
