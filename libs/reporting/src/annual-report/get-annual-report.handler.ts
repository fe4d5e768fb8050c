import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@lc/decider';
import { Locale } from '@lc/reference-data';
import { currentYear, yearPeriod } from '../shared/period';
import { reportScope } from '../shared/scope';
import { StatisticsReader } from '../summary/statistics-reader';
import { Summary } from '../summary/summary';
import { annualSentence } from './annual-sentence';
import { GetAnnualReportQuery } from './get-annual-report.query';

export interface AnnualReport {
  year: number;
  subDistrict: string | null;
  locale: Locale;
  figures: Summary;
  /** The annual work report's sentence with the year's figures. */
  text: string;
}

@QueryHandler(GetAnnualReportQuery)
export class GetAnnualReportHandler implements IQueryHandler<GetAnnualReportQuery, AnnualReport> {
  constructor(
    private readonly reader: StatisticsReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ request, actor, locale }: GetAnnualReportQuery): Promise<AnnualReport> {
    const scope = reportScope(actor, request.subDistrict);
    // period is a whole year (the schema refuses a month or a quarter): 2026 → 2026-01-01..2026-12-31.
    const year = request.year ?? (request.period ? Number(request.period.from.slice(0, 4)) : currentYear(this.clock.now()));
    const figures = await this.reader.summary(yearPeriod(year), scope);
    return { year, subDistrict: scope, locale, figures, text: annualSentence(figures, locale) };
  }
}
