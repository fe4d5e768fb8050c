import { Controller, Get, Headers, Post, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CreatedAt, CurrentActor, Describe, ProblemResponses, ZodBody, ZodQuery, ZodResponse } from '@lc/http';
import { AuthenticatedActor } from '@lc/access';
import { GetAnnualReportQuery } from '../annual-report/get-annual-report.query';
import { GenerateMonthlyReportCommand } from '../monthly-report/generate-monthly-report.command';
import { MonthlyReportView } from '../monthly-report/get-monthly-report.handler';
import { GetMonthlyReportQuery } from '../monthly-report/get-monthly-report.query';
import { renderCsv } from '../monthly-report/render-csv';
import { renderXlsx } from '../monthly-report/render-xlsx';
import { reportDocument } from '../monthly-report/report-tables';
import { negotiateLocale, text } from '../shared/i18n';
import {
  AnnualReportQuery,
  annualReportQuerySchema,
  GenerateMonthlyReportRequest,
  generateMonthlyReportSchema,
  MonthlyReportQuery,
  monthlyReportQuerySchema,
  reportMonth,
  ReviseMonthlyReportRequest,
  reviseMonthlyReportSchema,
} from './request-schemas';
import { ReviseMonthlyReportCommand } from '../monthly-report/revise-monthly-report.handler';
import { ReadsModels } from '@lc/projections';
import { annualReportSchema, generatedMonthlyReportSchema, monthlyReportViewSchema, revisedMonthlyReportSchema } from './reporting.responses';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** attachment; an ASCII name for old clients and the Chinese one (RFC 6266 / 5987) for the rest. */
function disposition(asciiName: string, localName: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(localName)}`;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** The year's figures and the annual work report's sentence; Accept-Language: en for English. */
  @Get('annual')
  @ReadsModels('statistics')
  @Allow('admin', 'supervisor')
  @Describe('The annual report', 'The year’s figures and the annual work report’s sentence: `year=2026` or `period=2026` (a month or quarter is a 400), by default the current year (China time); `Accept-Language: en` for English.')
  @ZodResponse(200, annualReportSchema, 'The year’s report', { fresh: true })
  @ProblemResponses(400, 401, 403)
  annual(
    @ZodQuery(annualReportQuerySchema) query: AnnualReportQuery,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) res: Response,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    res.setHeader('Vary', 'Accept-Language');
    const locale = negotiateLocale(acceptLanguage);
    res.setHeader('Content-Language', locale === 'zh' ? 'zh-CN' : 'en');
    return this.queries.execute(new GetAnnualReportQuery(query, actor, locale));
  }

  /** Makes a month's report now if it has none (201), or answers with the stored one (200). */
  @Post('monthly')
  // Read by its month (a 201 only: a stored report answers 200).
  @CreatedAt((answer) => {
    const month = (answer.report as { month?: unknown } | undefined)?.month;
    return typeof month === 'string' ? `reports/monthly?month=${encodeURIComponent(month)}` : undefined;
  })
  @Allow('admin', 'supervisor')
  @Describe('Issues a month’s report (诉求信息月报)', 'Makes it now if the month has none (201), or answers the stored one (200). No month is issued before it is over. An issued report keeps its figures: `regenerate: true` on a month that has one is a 409; issue a revision instead (`POST /reports/monthly/revisions`).')
  @ZodResponse(201, generatedMonthlyReportSchema, 'Issued now', { location: true })
  @ZodResponse(200, generatedMonthlyReportSchema, 'The month had its report already')
  @ProblemResponses(400, 401, 403, 409, 415, 422)
  async generateMonthly(
    @ZodBody(generateMonthlyReportSchema) body: GenerateMonthlyReportRequest,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result: { created: boolean } = await this.commands.execute(new GenerateMonthlyReportCommand(body, actor));
    res.status(result.created ? 201 : 200);
    return result;
  }

  /** Issues a revision of a month's report with the figures as they are now; the version it replaces stays readable. */
  @Post('monthly/revisions')
  @CreatedAt('reports/monthly?month=:month&revision=:revision')
  @Allow('admin', 'supervisor')
  @Describe('Issues a revision of a month’s report', 'With the figures as they are now and a reason, audited; the version it replaces stays readable (`revision=`).')
  @ZodResponse(201, revisedMonthlyReportSchema, 'The revision issued', { location: true })
  @ProblemResponses(400, 401, 403, 404, 415, 422)
  async reviseMonthly(@ZodBody(reviseMonthlyReportSchema) body: ReviseMonthlyReportRequest, @CurrentActor() actor: AuthenticatedActor) {
    return this.commands.execute(new ReviseMonthlyReportCommand(body.month, body.reason, actor));
  }

  /** A month's report (诉求信息月报): JSON, or a download as CSV (UTF-8 with BOM) or XLSX, Chinese headings by default. */
  @Get('monthly')
  // And the accounts read model, which names who issued each version.
  @ReadsModels('statistics', 'accounts')
  @Allow('admin', 'supervisor')
  @Describe('A month’s report', 'JSON (`format=json`, the default), or a download as CSV (UTF-8 with BOM) or XLSX (万元 as numbers with a number format), Chinese headings unless `Accept-Language: en`. `month=2026-11` or `period=2026-11` (a month only). Says whether later events put it out of date, with the live figures beside it; `revision=` reads an earlier version; `versions` lists every one with who issued it and why.')
  @ZodResponse(200, monthlyReportViewSchema, 'The report (JSON; CSV and XLSX are downloads)', { fresh: true })
  @ProblemResponses(400, 401, 403, 404)
  async monthly(
    @ZodQuery(monthlyReportQuerySchema) query: MonthlyReportQuery,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) res: Response,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    const month = reportMonth(query);
    const view: MonthlyReportView = await this.queries.execute(new GetMonthlyReportQuery(month, query.subDistrict, actor, query.revision));
    if (query.format === 'json') return view;

    const locale = negotiateLocale(acceptLanguage);
    res.setHeader('Vary', 'Accept-Language');
    const document = reportDocument(view.report, locale, view.subDistrict);
    const base = `${view.subDistrict ? `${view.subDistrict}-` : ''}${month}`;
    const asciiName = `monthly-report-${base}.${query.format}`;
    const localName = `${text(locale, 'monthly.title')}-${base}.${query.format}`;
    if (query.format === 'csv') {
      return new StreamableFile(Buffer.from(renderCsv(document), 'utf8'), {
        type: 'text/csv; charset=utf-8',
        disposition: disposition(asciiName, localName),
      });
    }
    return new StreamableFile(await renderXlsx(document), { type: XLSX_TYPE, disposition: disposition(asciiName, localName) });
  }
}
