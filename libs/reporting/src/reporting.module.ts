import { FreshnessModule } from '@lc/projections';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GetAnnualReportHandler } from './annual-report/get-annual-report.handler';
import { GetByCategoryHandler } from './get-by-category/get-by-category.handler';
import { GetByMonthHandler } from './get-by-month/get-by-month.handler';
import { GetBySubDistrictHandler } from './get-by-sub-district/get-by-sub-district.handler';
import { GetSummaryHandler } from './get-summary/get-summary.handler';
import { GetWatchListHandler } from './get-watch-list/get-watch-list.handler';
import { ReportsController } from './http/reports.controller';
import { StatsController } from './http/stats.controller';
import { GenerateMonthlyReportHandler } from './monthly-report/generate-monthly-report.handler';
import { GetMonthlyReportHandler } from './monthly-report/get-monthly-report.handler';
import { MonthlyReportJobs, MonthlyReportScheduler, REPORTS_QUEUE } from './monthly-report/monthly-report.jobs';
import { MonthlyReports } from './monthly-report/monthly-reports';
import { ReviseMonthlyReportHandler } from './monthly-report/revise-monthly-report.handler';
import { STATISTICS_ENTITIES } from './statistics/entities';
import { StatisticsFreshness } from './statistics/statistics-freshness';
import { StatisticsProjection } from './statistics/statistics.projection';
import { StatisticsReader } from './summary/statistics-reader';

/** The API side: statistics, the annual figures, the monthly reports on demand and as downloads. */
@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature(STATISTICS_ENTITIES), FreshnessModule],
  controllers: [StatsController, ReportsController],
  providers: [
    StatisticsReader,
    StatisticsFreshness,
    MonthlyReports,
    ReviseMonthlyReportHandler,
    GetSummaryHandler,
    GetByMonthHandler,
    GetBySubDistrictHandler,
    GetByCategoryHandler,
    GetWatchListHandler,
    GetAnnualReportHandler,
    GenerateMonthlyReportHandler,
    GetMonthlyReportHandler,
  ],
})
export class ReportingModule {}

/** The worker side: the statistics projection, and the monthly report's job scheduler and processor. */
@Module({
  imports: [TypeOrmModule.forFeature(STATISTICS_ENTITIES), BullModule.registerQueue({ name: REPORTS_QUEUE }), FreshnessModule],
  providers: [StatisticsProjection, StatisticsReader, StatisticsFreshness, MonthlyReports, MonthlyReportJobs, MonthlyReportScheduler],
  exports: [MonthlyReports, MonthlyReportJobs, MonthlyReportScheduler],
})
export class ReportingWorkerModule {}
