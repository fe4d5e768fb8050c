import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@lc/decider';
import { reportScope } from '../shared/scope';
import { GenerateMonthlyReportCommand } from './generate-monthly-report.command';
import { MonthlyReport, scopeMonthlyReport } from './monthly-report';
import { MonthlyReports } from './monthly-reports';

/**
 * On demand, the same report the monthly job makes: stored once; asking again answers with the
 * stored one (created: false). A regeneration replaces it, and only admins may: the stored report
 * is what the district was told that month.
 */
@CommandHandler(GenerateMonthlyReportCommand)
export class GenerateMonthlyReportHandler implements ICommandHandler<GenerateMonthlyReportCommand> {
  constructor(private readonly reports: MonthlyReports) {}

  async execute({ request, actor }: GenerateMonthlyReportCommand): Promise<{ created: boolean; report: MonthlyReport }> {
    const scope = reportScope(actor, undefined);
    if (request.regenerate && actor.role !== 'admin') {
      throw new DomainError('forbidden', 'only an administrator may replace a stored monthly report', [
        { field: 'regenerate', message: 'is for administrators' },
      ]);
    }
    const { report, created } = await this.reports.generate(request.month, 'on_demand', actor.id, { regenerate: request.regenerate });
    return { created, report: scopeMonthlyReport(report, scope) };
  }
}
