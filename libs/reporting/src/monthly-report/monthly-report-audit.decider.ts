import { CommandContext, Decider, DomainError, DomainEvent } from '@lc/decider';

/**
 * The audit stream of one month's issued report (`monthly-report-<month>`). The report itself is a
 * stored document (reporting_monthly_reports), numbered by the table; this stream records who
 * revised it, when and why, so the timeline shows it. Its one rule: revisions are recorded in
 * order, each once.
 */
export interface MonthlyReportRevisedData {
  month: string;
  revision: number;
  reason: string;
}

export type MonthlyReportEvent = DomainEvent<'MonthlyReportRevised', MonthlyReportRevisedData>;

export interface RecordMonthlyReportRevision extends CommandContext, MonthlyReportRevisedData {
  type: 'RecordMonthlyReportRevision';
}

export interface MonthlyReportAudit {
  /** The last revision recorded; 0 before any. */
  lastRevision: number;
}

export const monthlyReportStream = (month: string): string => `monthly-report-${month}`;

export const monthlyReportAuditDecider: Decider<RecordMonthlyReportRevision, MonthlyReportEvent, MonthlyReportAudit> = {
  initialState: () => ({ lastRevision: 0 }),
  decide({ month, revision, reason }, state) {
    if (revision <= state.lastRevision) {
      throw new DomainError('conflict', `revision ${revision} of the ${month} report is recorded already (last: ${state.lastRevision})`);
    }
    return [{ type: 'MonthlyReportRevised', data: { month, revision, reason } }];
  },
  evolve(state, event) {
    return event.type === 'MonthlyReportRevised' ? { lastRevision: event.data.revision } : state;
  },
};
