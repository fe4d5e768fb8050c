import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@lc/decider';
import { district, Localized } from '@lc/reference-data';
import { Period, resolvePeriod } from '../shared/period';
import { reportScope } from '../shared/scope';
import { StatisticsReader } from '../summary/statistics-reader';
import { buildSummary, Summary } from '../summary/summary';
import { GetBySubDistrictQuery } from './get-by-sub-district.query';

export interface BySubDistrict {
  period: Period;
  /** Every sub-district of the district in its customary order (only their own for a supervisor of one). */
  items: Array<Summary & { name: Localized }>;
  /** The whole district (or the supervisor's sub-district). */
  total: Summary;
}

@QueryHandler(GetBySubDistrictQuery)
export class GetBySubDistrictHandler implements IQueryHandler<GetBySubDistrictQuery, BySubDistrict> {
  constructor(
    private readonly reader: StatisticsReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ request, actor }: GetBySubDistrictQuery): Promise<BySubDistrict> {
    const scope = reportScope(actor, undefined);
    const period = resolvePeriod(request, this.clock.now());
    const summaries = await this.reader.summaries([{ key: 'period', period }], { subDistrict: scope, bySubDistrict: true });
    const found = new Map(summaries.filter((s) => s.subDistrict !== null).map((s) => [s.subDistrict as string, s.summary]));
    const subDistricts = district().subDistricts.filter((s) => scope === null || s.code === scope);
    return {
      period,
      items: subDistricts.map((s) => ({ ...(found.get(s.code) ?? buildSummary(period, s.code, [])), name: s.name })),
      total: summaries.find((s) => s.subDistrict === null)!.summary,
    };
  }
}
