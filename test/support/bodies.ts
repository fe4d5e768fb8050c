/*
 * Request bodies the e2e suites send again and again, in one place: a case in pinghu that every
 * check accepts. A suite states only what its test is about, as overrides.
 */

export const EMPLOYER = { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' } as const;

/** POST /api/v1/disputes: twelve workers' unpaid February wages, one claimant by name only. */
export const openDisputeBody = (overrides: Record<string, unknown> = {}) => ({
  channel: 'walk_in',
  subDistrict: 'pinghu',
  employer: { ...EMPLOYER },
  category: 'wage_arrears',
  workersInvolved: 12,
  amountClaimedFen: 36_000_000,
  summary: '12名员工反映2月工资未发放',
  openedOn: '2026-03-02',
  claimants: [{ name: '张三' }],
  ...overrides,
});
