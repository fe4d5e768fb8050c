import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideAndAppend, EVENT_STORE, EventStore } from '@lc/event-store';
import { Clock, CLOCK, DomainError } from '@lc/decider';
import { AuthenticatedActor } from '@lc/access';
import { monthlyReportAuditDecider, monthlyReportStream } from './monthly-report-audit.decider';
import { MonthlyReports } from './monthly-reports';

export class ReviseMonthlyReportCommand {
  constructor(
    readonly month: string,
    readonly reason: string,
    readonly actor: AuthenticatedActor,
  ) {}
}

/**
 * A new version of an issued monthly report, with the figures as the event log has them now (a
 * back-dated case, an import). The report is the district's: admins and district supervisors
 * revise it. The revision is audited as an event of the report's own stream (the timeline shows
 * who, when and why); the version it replaces stays readable (`?revision=`).
 */
@CommandHandler(ReviseMonthlyReportCommand)
export class ReviseMonthlyReportHandler implements ICommandHandler<ReviseMonthlyReportCommand> {
  constructor(
    private readonly reports: MonthlyReports,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ month, reason, actor }: ReviseMonthlyReportCommand): Promise<{ month: string; revision: number }> {
    if (actor.role !== 'admin' && !(actor.role === 'supervisor' && actor.subDistrict === null)) {
      throw new DomainError('forbidden', 'the monthly report is the district’s: a district supervisor or an administrator revises it');
    }
    const { revision } = await this.reports.revise(month, actor.id);
    await decideAndAppend(
      this.store,
      monthlyReportAuditDecider,
      monthlyReportStream(month),
      { type: 'RecordMonthlyReportRevision', month, revision, reason, actor, now: this.clock.now() },
      { actor },
    );
    return { month, revision };
  }
}
