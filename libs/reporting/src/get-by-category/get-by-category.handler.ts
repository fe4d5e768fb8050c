import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DISPUTE_CATEGORIES, labelsOf, Localized } from '@lc/reference-data';
import { Period } from '../shared/period';
import { reportScope } from '../shared/scope';
import { StatisticsReader } from '../summary/statistics-reader';
import { buildSummary, Summary } from '../summary/summary';
import { GetByCategoryQuery } from './get-by-category.query';

export interface ByCategory {
  period: Period;
  subDistrict: string | null;
  /** Dispute categories in their customary order; complaints and alerts have no category. */
  items: Array<{ category: string; name: Localized; disputes: Summary['disputes']; mediations: Summary['mediations'] }>;
}

@QueryHandler(GetByCategoryQuery)
export class GetByCategoryHandler implements IQueryHandler<GetByCategoryQuery, ByCategory> {
  constructor(private readonly reader: StatisticsReader) {}

  async execute({ request, actor }: GetByCategoryQuery): Promise<ByCategory> {
    const scope = reportScope(actor, request.subDistrict);
    const period = { from: request.from, to: request.to };
    const counters = await this.reader.counters([{ key: 'period', period }], { subDistrict: scope, groupBy: ['category'] });
    return {
      period,
      subDistrict: scope,
      items: DISPUTE_CATEGORIES.map((category) => {
        const summary = buildSummary(period, scope, counters.filter((c) => c.category === category));
        return { category, name: labelsOf('disputeCategories', category), disputes: summary.disputes, mediations: summary.mediations };
      }),
    };
  }
}
