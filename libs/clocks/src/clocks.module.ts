import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClockView } from './clock.entity';
import { ClockNotifier } from './clock.notifier';
import { CLOCK_SUBJECTS, ClockJobs, ClockReconciler, ClockSubject } from './clock-jobs.processor';
import { CLOCKS_QUEUE, ClockScheduler } from './clock-scheduler';
import { ClocksController } from './clocks.controller';
import { ClocksProjection } from './clocks.projection';
import { ListClocksHandler } from './list-clocks/list-clocks.handler';

/** The API side: lists of running clocks. */
@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature([ClockView])],
  controllers: [ClocksController],
  providers: [ListClocksHandler],
})
export class ClocksModule {}

/**
 * The worker side: the clocks projection, the delayed jobs, and their reconciliation. `subjects`
 * are the kinds of record with clocks, each from its own context (disputeDeadlines...): a job
 * sends the record's context its command.
 */
@Module({})
export class ClocksWorkerModule {
  static forRoot(subjects: ClockSubject[]): DynamicModule {
    return {
      module: ClocksWorkerModule,
      imports: [TypeOrmModule.forFeature([ClockView]), BullModule.registerQueue({ name: CLOCKS_QUEUE })],
      providers: [ClocksProjection, ClockScheduler, ClockJobs, ClockReconciler, ClockNotifier, { provide: CLOCK_SUBJECTS, useValue: subjects }],
      exports: [ClockScheduler, ClockJobs],
    };
  }
}
