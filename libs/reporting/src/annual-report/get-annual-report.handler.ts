import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Locale } from '@lc/reference-data';
import { yearPeriod } from '../shared/period';
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
  constructor(private readonly reader: StatisticsReader) {}

  async execute({ request, actor, locale }: GetAnnualReportQuery): Promise<AnnualReport> {
    const scope = reportScope(actor, request.subDistrict);
    const figures = await this.reader.summary(yearPeriod(request.year), scope);
    return { year: request.year, subDistrict: scope, locale, figures, text: annualSentence(figures, locale) };
  }
}
