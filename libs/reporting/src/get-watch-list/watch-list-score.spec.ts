import { EnterpriseRecord, rankWatchList, riskScore } from './watch-list-score';

const base: EnterpriseRecord = {
  creditCode: '91440300708461136T',
  name: '某厂',
  disputes: 0,
  groupDisputes: 0,
  openDisputes: 0,
  mediations: 0,
  redAlerts: 0,
  yellowAlerts: 0,
  alerts: 0,
  workersInvolved: 0,
  amountRecoveredFen: 0,
  subDistricts: ['pinghu'],
  lastActivityOn: '2022-05-01',
};

describe('the risk watch-list', () => {
  it('lists an enterprise for a group dispute, two or more disputes, or a red alert', () => {
    const ranked = rankWatchList([
      { ...base, creditCode: 'A', disputes: 1 },
      { ...base, creditCode: 'B', disputes: 1, groupDisputes: 1 },
      { ...base, creditCode: 'C', disputes: 1, mediations: 1 },
      { ...base, creditCode: 'D', redAlerts: 1, alerts: 1 },
      { ...base, creditCode: 'E', yellowAlerts: 3, alerts: 3 },
    ]);
    expect(ranked.map((e) => [e.creditCode, e.reasons])).toEqual([
      ['B', ['group_dispute']],
      ['D', ['red_alert']],
      ['C', ['repeated_disputes']],
    ]);
  });

  it('scores 10 per group dispute, 3 per dispute or mediation, 2 per open case, 8 per red and 3 per yellow alert', () => {
    expect(riskScore({ ...base, disputes: 3, groupDisputes: 1, openDisputes: 1, mediations: 1, redAlerts: 2, yellowAlerts: 1 })).toBe(10 + 12 + 2 + 16 + 3);
  });

  it('breaks ties by the most recent activity, then the credit code', () => {
    const ranked = rankWatchList([
      { ...base, creditCode: 'B', disputes: 2, lastActivityOn: '2022-01-01' },
      { ...base, creditCode: 'C', disputes: 2, lastActivityOn: '2022-03-01' },
      { ...base, creditCode: 'A', disputes: 2, lastActivityOn: '2022-01-01' },
    ]);
    expect(ranked.map((e) => e.creditCode)).toEqual(['C', 'A', 'B']);
  });
});
