import { METRIC } from '../statistics/metrics';
import { buildSummary, CounterTotal, ratio, secondsToMinutes } from './summary';

const c = (metric: string, value: number, detail = '', channel = ''): CounterTotal => ({ metric, value, detail, channel });
const period = { from: '2022-05-01', to: '2022-05-31' };

describe('a summary from summed counters', () => {
  it('has the contract shape with zeros when nothing happened', () => {
    const empty = buildSummary(period, null, []);
    expect(empty).toMatchObject({
      period,
      disputes: { opened: 0, resolved: 0, amountRecoveredFen: 0, groupDisputes: 0, avgDaysToResolve: 0 },
      complaints: { received: 0, handled: 0, bySource: { hotline_12351: 0, online_opinion: 0, other: 0 } },
      mediations: { referred: 0, concluded: 0, succeeded: 0, successRate: 0, amountRecoveredFen: 0 },
      alerts: { submitted: 0, red: 0, yellow: 0, green: 0, escalated: 0, convertedToCases: 0, medianMinutesToAcknowledge: 0 },
      informants: { active: 0, reportedOnline: 0 },
    });
  });

  it('sums outcomes, sources and grades, and derives averages and rates', () => {
    const s = buildSummary(period, 'pinghu', [
      c(METRIC.disputeResolved, 2, 'agreement'),
      c(METRIC.disputeResolved, 1, 'withdrawn'),
      c(METRIC.disputeDaysToResolve, 50),
      c(METRIC.complaintReceived, 3, '', 'hotline_12351'),
      c(METRIC.complaintReceived, 1, '', 'other'),
      c(METRIC.complaintHandled, 2, 'handled', 'hotline_12351'),
      c(METRIC.complaintHandled, 1, 'converted', 'other'),
      c(METRIC.mediationConcluded, 13, 'agreement'),
      c(METRIC.mediationConcluded, 2, 'failed'),
      c(METRIC.mediationConcluded, 1, 'withdrawn'),
      c(METRIC.alertSubmitted, 2, 'red'),
      c(METRIC.alertSubmitted, 1, ''),
    ]);
    expect(s.subDistrict).toBe('pinghu');
    expect(s.disputes).toMatchObject({ resolved: 3, avgDaysToResolve: 16.7, byOutcome: { agreement: 2, withdrawn: 1, referred_court: 0 } });
    expect(s.complaints).toMatchObject({ received: 4, handled: 3, converted: 1, bySource: { hotline_12351: 3, online_opinion: 0, other: 1 } });
    expect(s.mediations).toMatchObject({ concluded: 16, succeeded: 13, successRate: 0.8125, failed: 2, withdrawn: 1 });
    expect(s.alerts).toMatchObject({ submitted: 3, red: 2, ungraded: 1 });
  });

  it('rounds halves up', () => {
    expect(ratio(1, 8, 1)).toBe(0.1); // 0.125 → 0.1
    expect(ratio(3, 8, 2)).toBe(0.38); // 0.375 → 0.38
    expect(ratio(5, 2, 0)).toBe(3);
    expect(ratio(1, 0, 2)).toBe(0);
    expect(secondsToMinutes(90)).toBe(1.5);
    expect(secondsToMinutes(93)).toBe(1.6); // 1.55 → 1.6
    expect(secondsToMinutes(1830.5)).toBe(30.5);
    expect(secondsToMinutes(null)).toBe(0);
  });
});
