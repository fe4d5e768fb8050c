import { given } from '@lc/decider';
import { MonthlyReportEvent, monthlyReportAuditDecider, RecordMonthlyReportRevision } from './monthly-report-audit.decider';

const actor = { id: 'admin-1', role: 'admin' };
const now = new Date('2026-12-02T08:00:00Z');
const revise = (revision: number): RecordMonthlyReportRevision => ({
  type: 'RecordMonthlyReportRevision',
  month: '2026-10',
  revision,
  reason: 'a back-dated case',
  now,
  actor,
});
const revised = (revision: number): MonthlyReportEvent => ({
  type: 'MonthlyReportRevised',
  data: { month: '2026-10', revision, reason: 'a back-dated case' },
});

describe('the audit stream of a monthly report', () => {
  it('records the first revision', () => {
    given(monthlyReportAuditDecider).when(revise(2)).then([revised(2)]);
  });

  it('records a later revision after the earlier ones', () => {
    given(monthlyReportAuditDecider, [revised(2)]).when(revise(3)).then([revised(3)]);
  });

  it('refuses a revision recorded already, or one older than the last', () => {
    given(monthlyReportAuditDecider, [revised(2), revised(3)]).when(revise(3)).thenThrows('conflict');
    given(monthlyReportAuditDecider, [revised(2), revised(3)]).when(revise(2)).thenThrows('conflict');
  });
});
