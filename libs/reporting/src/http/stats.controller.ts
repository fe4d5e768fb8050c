import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentActor, Describe, ProblemResponses, ZodQuery, ZodResponse } from '@lc/http';
import { AuthenticatedActor } from '@lc/access';
import { GetByCategoryQuery } from '../get-by-category/get-by-category.query';
import { GetByMonthQuery } from '../get-by-month/get-by-month.query';
import { GetBySubDistrictQuery } from '../get-by-sub-district/get-by-sub-district.query';
import { GetSummaryQuery } from '../get-summary/get-summary.query';
import { GetWatchListQuery } from '../get-watch-list/get-watch-list.query';
import {
  ByMonthQuery,
  byMonthQuerySchema,
  DistrictPeriodQuery,
  districtPeriodQuerySchema,
  PeriodQuery,
  periodQuerySchema,
  WatchListQuery,
  watchListQuerySchema,
} from './request-schemas';
import { ReadsModels } from '@lc/projections';
import { byCategorySchema, byMonthSchema, bySubDistrictSchema, summarySchema, watchListSchema } from './reporting.responses';

/*
 * Supervisors' figures, from the statistics read model. Admins and district supervisors see the
 * whole district or any sub-district; a supervisor of one sub-district sees theirs (naming another
 * is 403). Mediators and informants have no statistics routes.
 */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('stats')
export class StatsController {
  constructor(private readonly queries: QueryBus) {}

  /** The figures of a period (both dates included, China Standard Time). */
  @Get('summary')
  @ReadsModels('statistics')
  @Allow('admin', 'supervisor')
  @Describe('The figures of a period', 'Disputes, complaints, mediations, alerts and informants. `period=2026-11`, `2026`, `2026-Q3`, or `from`/`to` (China-time days, both included); by default the current month. Limited to the supervisor’s sub-district.')
  @ZodResponse(200, summarySchema, 'The figures', { fresh: true })
  @ProblemResponses(400, 401, 403)
  summary(@ZodQuery(periodQuerySchema) query: PeriodQuery, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new GetSummaryQuery(query, actor));
  }

  /** A summary per month of a year (year=2022 or period=2022), a quarter or month (period=2022-Q3), or a range of months (from=2022-01&to=2022-06). */
  @Get('by-month')
  @ReadsModels('statistics')
  @Allow('admin', 'supervisor')
  @Describe('A summary per month', 'Of a year (`year=2022` or `period=2022`), the months of a quarter or month (`period=2022-Q3`, `period=2022-05`), or a range of months (`from=2022-01&to=2022-06`); by default the current year (China time). Months without records are all zeros.')
  @ZodResponse(200, byMonthSchema, 'One summary per month', { fresh: true })
  @ProblemResponses(400, 401, 403)
  byMonth(@ZodQuery(byMonthQuerySchema) query: ByMonthQuery, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new GetByMonthQuery(query, actor));
  }

  /** A summary per sub-district for a period. */
  @Get('by-sub-district')
  @ReadsModels('statistics')
  @Allow('admin', 'supervisor')
  @Describe('A summary per sub-district', 'Every sub-district in its customary order, and the total. `period=2026-11`, `2026`, `2026-Q3`, or `from`/`to`; by default the current month (China time).')
  @ZodResponse(200, bySubDistrictSchema, 'One summary per sub-district', { fresh: true })
  @ProblemResponses(400, 401, 403)
  bySubDistrict(@ZodQuery(districtPeriodQuerySchema) query: DistrictPeriodQuery, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new GetBySubDistrictQuery(query, actor));
  }

  /** Dispute and mediation figures per dispute category for a period. */
  @Get('by-category')
  @ReadsModels('statistics')
  @Allow('admin', 'supervisor')
  @Describe('Dispute and mediation figures per category', 'Dispute categories in their customary order. `period=2026-11`, `2026`, `2026-Q3`, or `from`/`to`; by default the current month (China time).')
  @ZodResponse(200, byCategorySchema, 'The figures per category', { fresh: true })
  @ProblemResponses(400, 401, 403)
  byCategory(@ZodQuery(periodQuerySchema) query: PeriodQuery, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new GetByCategoryQuery(query, actor));
  }

  /** Enterprises at risk in the last three years, highest score first (see docs/reporting.md). */
  @Get('watch-list')
  @ReadsModels('statistics')
  @Allow('admin', 'supervisor')
  @Describe('Enterprises at risk', 'Scored by group disputes, repeated disputes and red alerts within a window (`period=2026`, `2026-Q3`, `2026-11`, or `from`/`to`; by default the three years to today), highest score first (see docs/reporting.md).')
  @ZodResponse(200, watchListSchema, 'The watch-list', { fresh: true })
  @ProblemResponses(400, 401, 403)
  watchList(@ZodQuery(watchListQuerySchema) query: WatchListQuery, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new GetWatchListQuery(query, actor));
  }
}
