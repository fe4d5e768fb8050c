import { assignMediatorSchema } from './assign-mediator/assign-mediator.schema';
import { changeWorkersInvolvedSchema } from './change-workers-involved/change-workers-involved.schema';
import { logStepSchema } from './log-step/log-step.schema';
import { reopenDisputeSchema } from './reopen-dispute/reopen-dispute.schema';
import { resolveDisputeSchema } from './resolve-dispute/resolve-dispute.schema';
import { recordRecoverySchema } from './record-recovery/record-recovery.schema';

import { z } from 'zod';
import { DISPUTE_CATEGORIES, DISPUTE_CHANNELS, DISPUTE_OUTCOMES, DISPUTE_STEP_KINDS, subDistrictCodes } from '@lc/reference-data';
import { disputeOpeningSchema } from './open-dispute/open-dispute.schema';
import { disputeIdForComplaint } from './convert-complaint/convert-complaint.handler';
import { AssignMediator, ChangeWorkersInvolved, LogStep, RecordRecovery, ReopenDispute, ResolveDispute } from './dispute-case/dispute-case.decider';
import { ConvertComplaint, HandleComplaint, ReceiveComplaint } from './complaint/complaint.decider';
import { receiveComplaintSchema } from './receive-complaint/receive-complaint.schema';
import { handleComplaintSchema } from './handle-complaint/handle-complaint.schema';

type Schema = { safeParse(v: unknown): { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; code: string; keys?: string[] }> } } };
const fields = (schema: Schema, body: unknown) => {
  const result = schema.safeParse(body);
  return result.success
    ? []
    : result.error!.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys!.map((k) => [...i.path, k].join('.')) : [i.path.join('.')])).sort();
};

/** Each issue as 'dotted.path: message', as the API's problem+json (and an import's row error) names it. */
const problems = (schema: z.ZodType, body: unknown): string[] => {
  const result = schema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};
const oneOf = (codes: readonly string[]) => `must be one of ${codes.join(', ')}`;

/*
 * What the deciders checked again before issue 13, and now only the schemas do: every way a command
 * is made (HTTP, imports, the demo, conversions) parses its fields through these.
 */
describe('the fields of an opening (disputeOpeningSchema: requests, imported rows, conversions)', () => {
  const opening = {
    channel: 'walk_in',
    subDistrict: 'pinghu',
    employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
    category: 'wage_arrears',
    workersInvolved: 12,
    amountClaimedFen: 36_000_000,
    summary: '12名员工反映2月工资未发放',
    openedOn: '2026-03-02',
    claimants: [{ name: '张三', idNumber: '11010519491231002X', phone: '13812345678' }, { name: '李四' }],
  };

  it('accepts an opening, and no request-only flag', () => {
    expect(problems(disputeOpeningSchema, opening)).toEqual([]);
    expect(problems(disputeOpeningSchema, { ...opening, confirmDuplicate: true })).toEqual([': Unrecognized key: "confirmDuplicate"']);
  });

  it('names a bad credit code, ID number or phone', () => {
    expect(problems(disputeOpeningSchema, { ...opening, employer: { name: '某公司', creditCode: '91440300708461136U' } })).toEqual([
      'employer.creditCode: not a valid Unified Social Credit Code: check character does not match: the code is mistyped (GB 32100-2015)',
    ]);
    expect(problems(disputeOpeningSchema, { ...opening, claimants: [{ name: '张三', idNumber: '110105194912310021' }] })).toEqual([
      expect.stringMatching(/^claimants\.0\.idNumber: not a valid resident ID number: /),
    ]);
    expect(problems(disputeOpeningSchema, { ...opening, claimants: [{ name: '张三' }, { name: '李四', phone: '12345' }] })).toEqual([
      'claimants.1.phone: must be a mainland mobile (13812345678) or a landline with area code (0755-28881234)',
    ]);
  });

  it.each([
    [{ workersInvolved: 0 }, 'workersInvolved: must be at least 1'],
    [{ workersInvolved: 2.5 }, 'workersInvolved: must be a whole number'],
    [{ workersInvolved: 100_001 }, 'workersInvolved: must be at most 100000'],
    [{ amountClaimedFen: -1 }, 'amountClaimedFen: must not be negative'],
    [{ amountClaimedFen: 100.5 }, 'amountClaimedFen: must be a whole number of fen'],
    [{ amountClaimedFen: 1e12 + 1 }, 'amountClaimedFen: must be at most 1000000000000 fen'],
    [{ channel: 'fax' }, `channel: ${oneOf(DISPUTE_CHANNELS)}`],
    [{ category: 'bonus' }, `category: ${oneOf(DISPUTE_CATEGORIES)}`],
    [{ subDistrict: 'futian' }, `subDistrict: ${oneOf(subDistrictCodes())}`],
    [{ openedOn: '2026-02-30' }, 'openedOn: must be a real date written YYYY-MM-DD'],
    [{ infringementKnownOn: '15/02/2026' }, 'infringementKnownOn: must be a real date written YYYY-MM-DD'],
    [{ summary: '  ' }, 'summary: must not be empty'],
    [{ summary: 'a\u0000b' }, 'summary: must not contain a NUL character (U+0000)'],
    [{ claimants: [] }, 'claimants: must name at least one claimant'],
    [{ claimants: [{ name: '' }] }, 'claimants.0.name: must not be empty'],
  ])('refuses %p', (change, problem) => {
    expect(problems(disputeOpeningSchema, { ...opening, ...change })).toEqual([problem]);
  });

  it('names every bad field at once', () => {
    const bad = problems(disputeOpeningSchema, { ...opening, workersInvolved: 0, amountClaimedFen: -5, subDistrict: 'nowhere' });
    expect(bad.map((problem) => problem.split(':')[0]).sort()).toEqual(['amountClaimedFen', 'subDistrict', 'workersInvolved']);
  });

  it('gives a converted complaint a case id of its own (ConvertComplaint.disputeId is never empty)', () => {
    expect(disputeIdForComplaint('c-1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(disputeIdForComplaint('c-1')).toBe(disputeIdForComplaint('c-1'));
  });
});

describe('the fields of the commands on a dispute case and a complaint', () => {
  it.each([
    [changeWorkersInvolvedSchema, { workersInvolved: 0 }, 'workersInvolved: must be at least 1'],
    [assignMediatorSchema, { mediatorId: '' }, 'mediatorId: must be the id (uuid) of a mediator account, or me'],
    [logStepSchema, { kind: 'site_visit', note: '走访', occurredAt: '2026-03-03T10:00:00' }, 'occurredAt: must be an ISO 8601 date and time with a zone, e.g. 2026-03-10T10:00:00+08:00'],
    [logStepSchema, { kind: 'phone_call', note: '走访', occurredAt: '2026-03-03T10:00:00Z' }, `kind: ${oneOf(DISPUTE_STEP_KINDS)}`],
    [logStepSchema, { kind: 'note', note: '', occurredAt: '2026-03-03T10:00:00Z' }, 'note: must not be empty'],
    [recordRecoverySchema, { amountFen: 0, recoveredOn: '2026-03-05' }, 'amountFen: must be a positive number of fen'],
    [recordRecoverySchema, { amountFen: -100, recoveredOn: '2026-03-05' }, 'amountFen: must be a positive number of fen'],
    [recordRecoverySchema, { amountFen: 10.5, recoveredOn: '2026-03-05' }, 'amountFen: must be a whole number of fen'],
    [recordRecoverySchema, { amountFen: 1e12 + 1, recoveredOn: '2026-03-05' }, 'amountFen: must be at most 1000000000000 fen'],
    [recordRecoverySchema, { amountFen: 100, recoveredOn: '2026-3-5' }, 'recoveredOn: must be a real date written YYYY-MM-DD'],
    [resolveDisputeSchema, { outcome: 'settled', resolvedOn: '2026-03-09' }, `outcome: ${oneOf(DISPUTE_OUTCOMES)}`],
    [reopenDisputeSchema, { reason: '企业未按协议支付', reopenedOn: '2026-02-30' }, 'reopenedOn: must be a real date written YYYY-MM-DD'],
    [reopenDisputeSchema, { reason: '  ' }, 'reason: must not be empty'],
    [handleComplaintSchema, { note: '', handledOn: '2026-03-09' }, 'note: must not be empty'],
    [handleComplaintSchema, { note: '已回复', handledOn: '09/03/2026' }, 'handledOn: must be a real date written YYYY-MM-DD'],
  ] as const)('%#: refuses %p', (schema, body, problem) => {
    expect(problems(schema, body)).toEqual([problem]);
  });

  describe('receiving a complaint', () => {
    const received = {
      source: 'hotline_12351',
      workOrderNo: '12351-2026-000731',
      subDistrict: 'bantian',
      employer: { name: '深圳市某某科技有限公司', creditCode: '91350200776049653A' },
      summary: '来电反映公司拖欠两个月工资',
      receivedAt: '2026-03-08T09:15:00+08:00',
    };

    it('requires the work-order number for the 12351 hotline', () => {
      expect(problems(receiveComplaintSchema, { ...received, workOrderNo: undefined })).toEqual(['workOrderNo: is required for a 12351 work order']);
      expect(problems(receiveComplaintSchema, { ...received, workOrderNo: ' ' })).toEqual(['workOrderNo: must not be empty']);
    });

    it.each([
      [{ source: 'wechat' }, `source: ${oneOf(['hotline_12351', 'online_opinion', 'other'])}`],
      [{ subDistrict: 'futian' }, `subDistrict: ${oneOf(subDistrictCodes())}`],
      [{ employer: { name: '某公司', creditCode: '91350200776049653B' } }, expect.stringMatching(/^employer\.creditCode: not a valid Unified Social Credit Code: /)],
      [{ employer: { name: '' } }, 'employer.name: must not be empty'],
      [{ summary: '' }, 'summary: must not be empty'],
      [{ receivedAt: '2026-03-08 09:15' }, 'receivedAt: must be an ISO 8601 date and time with a zone, e.g. 2026-03-10T10:00:00+08:00'],
      [{ receivedAt: '2026-03-08T09:15:00' }, 'receivedAt: must be an ISO 8601 date and time with a zone, e.g. 2026-03-10T10:00:00+08:00'],
    ])('refuses %p', (change, problem) => {
      expect(problems(receiveComplaintSchema, { ...received, ...change })).toEqual([problem]);
    });
  });
});

describe('request schemas of commands on a dispute case', () => {
  it('/assignments {mediatorId}', () => {
    expect(fields(assignMediatorSchema, { mediatorId: '0b9d3c1e-6a55-4c59-9a55-3f0f5c2f4f11' })).toEqual([]);
    expect(fields(assignMediatorSchema, { mediatorId: 'zhang' })).toEqual(['mediatorId']);
    expect(fields(assignMediatorSchema, { mediatorId: '0b9d3c1e-6a55-4c59-9a55-3f0f5c2f4f11', role: 'x' })).toEqual(['role']);
  });

  it('/steps {kind, note, occurredAt}', () => {
    const step = { kind: 'site_visit', note: '走访企业', occurredAt: '2026-03-03T14:30:00+08:00' };
    expect(fields(logStepSchema, step)).toEqual([]);
    for (const kind of ['contact', 'site_visit', 'negotiation_session', 'evidence_collected', 'note']) expect(fields(logStepSchema, { ...step, kind })).toEqual([]);
    expect(fields(logStepSchema, { ...step, kind: 'lunch', occurredAt: '2026-03-03 14:30' })).toEqual(['kind', 'occurredAt']);
    expect(fields(logStepSchema, { ...step, note: ' ' })).toEqual(['note']);
    expect(fields(logStepSchema, { ...step, occurredAt: '2026-03-03T14:30:00' })).toEqual(['occurredAt']);
  });

  it('/recoveries {amountFen, recoveredOn, note}', () => {
    expect(fields(recordRecoverySchema, { amountFen: 500_000, recoveredOn: '2026-03-09', note: '首期' })).toEqual([]);
    expect(recordRecoverySchema.parse({ amountFen: 1, recoveredOn: '2026-03-09' }).note).toBe('');
    expect(fields(recordRecoverySchema, { amountFen: 0, recoveredOn: '2026-03-09' })).toEqual(['amountFen']);
    expect(fields(recordRecoverySchema, { amountFen: 12.5, recoveredOn: '2026-03-09' })).toEqual(['amountFen']);
    expect(fields(recordRecoverySchema, { amountFen: -3, recoveredOn: '20260309' })).toEqual(['amountFen', 'recoveredOn']);
    expect(fields(recordRecoverySchema, { amountFen: 1e12 + 1, recoveredOn: '2026-03-09' })).toEqual(['amountFen']);
    expect(fields(recordRecoverySchema, { amountFen: 1, recoveredOn: '2026-03-09', currency: 'CNY' })).toEqual(['currency']);
  });

  it('/resolution {outcome, resolvedOn, note}', () => {
    expect(fields(resolveDisputeSchema, { outcome: 'agreement', resolvedOn: '2026-03-09', note: '达成协议' })).toEqual([]);
    expect(fields(resolveDisputeSchema, { outcome: 'referred_inspection', resolvedOn: '2026-03-09' })).toEqual([]);
    expect(fields(resolveDisputeSchema, { outcome: 'won', resolvedOn: '2026-02-30' })).toEqual(['outcome', 'resolvedOn']);
  });

  it('/reopen {reason}', () => {
    expect(fields(reopenDisputeSchema, { reason: '企业未按协议支付' })).toEqual([]);
    expect(fields(reopenDisputeSchema, {})).toEqual(['reason']);
    expect(fields(reopenDisputeSchema, { reason: 'x'.repeat(2001) })).toEqual(['reason']);
  });

  it('workers involved {workersInvolved, reason?}', () => {
    expect(fields(changeWorkersInvolvedSchema, { workersInvolved: 30 })).toEqual([]);
    expect(fields(changeWorkersInvolvedSchema, { workersInvolved: 0, reason: '' })).toEqual(['reason', 'workersInvolved']);
  });
});

// Compile-time only: each request, plus what the handler adds, is the decider's command.
type Context = { now: Date; actor: { id: string; role: string } };
export type RequestsFitCommands = [
  z.output<typeof assignMediatorSchema> & Context extends Omit<AssignMediator, 'type'> ? true : never,
  z.output<typeof changeWorkersInvolvedSchema> & Context extends Omit<ChangeWorkersInvolved, 'type'> ? true : never,
  z.output<typeof logStepSchema> & Context extends Omit<LogStep, 'type'> ? true : never,
  z.output<typeof recordRecoverySchema> & Context extends Omit<RecordRecovery, 'type'> ? true : never,
  z.output<typeof resolveDisputeSchema> & Context extends Omit<ResolveDispute, 'type'> ? true : never,
  z.output<typeof reopenDisputeSchema> & Context extends Omit<ReopenDispute, 'type'> ? true : never,
  z.output<typeof receiveComplaintSchema> & Context & { complaintId: string } extends Omit<ReceiveComplaint, 'type'> ? true : never,
  z.output<typeof handleComplaintSchema> & Context extends Omit<HandleComplaint, 'type'> ? true : never,
  { disputeId: string } & Context extends Omit<ConvertComplaint, 'type'> ? true : never,
];
const fit: RequestsFitCommands = [true, true, true, true, true, true, true, true, true];
it('fits the commands (checked by the compiler)', () => expect(fit).toHaveLength(9));
