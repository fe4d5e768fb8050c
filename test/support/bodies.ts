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

/** Numbers a suite's records need unique (court case numbers, 12351 work orders): one series per test file. */
let issued = 0;
const nextNumber = () => ++issued;

/** POST /api/v1/mediations: a court's referral of one worker's wage claim, in pinghu, under a court case number of its own. */
export const referralBody = (overrides: Record<string, unknown> = {}) => ({
  court: '深圳市龙岗区人民法院',
  courtCaseNo: `（2026）粤0307民诉前调${5000 + nextNumber()}号`,
  referredOn: '2026-03-02',
  subDistrict: 'pinghu',
  category: 'wage_arrears',
  employer: { name: '深圳市某某科技有限公司', creditCode: '91350200776049653A' },
  workers: [{ name: '李四' }],
  claimAmountFen: 12_000_000,
  ...overrides,
});

/** POST /api/v1/complaints: a 12351 hotline work order about unpaid wages, with a number of its own. */
export const complaintBody = (overrides: Record<string, unknown> = {}) => ({
  source: 'hotline_12351',
  workOrderNo: `12351-2026-T${String(nextNumber()).padStart(5, '0')}`,
  subDistrict: 'pinghu',
  employer: { ...EMPLOYER },
  summary: '来电反映公司拖欠2月工资',
  receivedAt: '2026-03-05T09:30:00+08:00',
  ...overrides,
});

/** POST /api/v1/alerts: an informant's report of wages paid late at an enterprise in pinghu. */
export const alertBody = (overrides: Record<string, unknown> = {}) => ({
  enterprise: { name: '深圳市某某科技有限公司', creditCode: '91350200776049653A' },
  subDistrict: 'pinghu',
  signals: ['wage_delay'],
  workersAffected: 12,
  description: '2月工资未发',
  observedAt: '2026-03-10T08:30:00+08:00',
  ...overrides,
});
