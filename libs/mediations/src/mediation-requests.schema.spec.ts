import { z } from 'zod';
import { given } from '@lc/decider';
import { extendMediationSchema } from './extend-mediation/extend-mediation.schema';
import { failMediationSchema } from './fail-mediation/fail-mediation.schema';
import { holdSessionSchema } from './hold-session/hold-session.schema';
import { listMediationsSchema } from './list-mediations/list-mediations.schema';
import { ReferMediation, mediation } from './mediation/mediation.decider';
import { reachAgreementSchema } from './reach-agreement/reach-agreement.schema';
import { recordJudicialConfirmationSchema } from './record-judicial-confirmation/record-judicial-confirmation.schema';
import { referMediationSchema } from './refer-mediation/refer-mediation.schema';
import { withdrawMediationSchema } from './withdraw-mediation/withdraw-mediation.schema';
import { assignMediationMediatorSchema } from './assign-mediator/assign-mediator.schema';
import { DISPUTE_CATEGORIES, MEDIATION_SESSION_FORMS, subDistrictCodes } from '@lc/reference-data';

const valid = () => ({
  court: '深圳市龙岗区人民法院',
  courtCaseNo: '（2026）粤0307民诉前调1234号',
  referredOn: '2026-03-02',
  subDistrict: 'pinghu',
  category: 'wage_arrears',
  employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
  workers: [{ name: '张三', idNumber: '11010519491231002X', phone: '13812345678' }, { name: '李四' }],
  claimAmountFen: 12_000_000,
});

/** Each issue as 'dotted.path: message', the way the API's problem+json names fields. */
function problems(schema: z.ZodType, body: unknown): string[] {
  const result = schema.safeParse(body);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => [...issue.path, key].join('.') + ': is not allowed')
      : [`${issue.path.join('.')}: ${issue.message}`],
  );
}
const fields = (schema: z.ZodType, body: unknown) => problems(schema, body).map((p) => p.split(':')[0]);

describe('POST /mediations request schema', () => {
  it('accepts the issue 5 body and normalises codes', () => {
    expect(problems(referMediationSchema, valid())).toEqual([]);
    const parsed = referMediationSchema.parse({
      ...valid(),
      employer: { name: '  某公司 ', creditCode: ' 91440300708461136t ' },
      workers: [{ name: '张三', idNumber: '11010519491231002x' }],
    });
    expect(parsed.employer).toEqual({ name: '某公司', creditCode: '91440300708461136T' });
    expect(parsed.workers[0].idNumber).toBe('11010519491231002X');
  });

  it('names employer.creditCode and workers.N.idNumber, without echoing the number', () => {
    expect(fields(referMediationSchema, { ...valid(), employer: { name: '某公司', creditCode: '91440300708461136U' } })).toEqual(['employer.creditCode']);
    const bad = problems(referMediationSchema, { ...valid(), workers: [{ name: '张三' }, { name: '李四', idNumber: '110105194912310021' }] });
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatch(/^workers\.1\.idNumber: not a valid resident ID number/);
    expect(bad[0]).not.toContain('110105194912310021');
    expect(fields(referMediationSchema, { ...valid(), workers: [{ name: '张三', phone: '12345678901' }] })).toEqual(['workers.0.phone']);
  });

  it.each([
    ['court', ''],
    ['courtCaseNo', 'x'.repeat(101)],
    ['referredOn', '2026-02-29'],
    ['referredOn', undefined],
    ['subDistrict', 'futian'],
    ['category', 'bonus'],
    ['workers', []],
    ['claimAmountFen', -1],
    ['claimAmountFen', 0.5],
    ['claimAmountFen', '12000000'],
  ])('refuses %s = %p', (field, value) => {
    expect(fields(referMediationSchema, { ...valid(), [field]: value })).toEqual([field]);
  });

  it('rejects unknown fields, at the top and inside', () => {
    expect(problems(referMediationSchema, { ...valid(), status: 'agreed' })).toEqual(['status: is not allowed']);
    expect(fields(referMediationSchema, { ...valid(), workers: [{ name: '张三', age: 30 }] })).toEqual(['workers.0.age']);
  });

  it('names every missing field at once', () => {
    expect(fields(referMediationSchema, {}).sort()).toEqual(
      ['category', 'claimAmountFen', 'court', 'courtCaseNo', 'employer', 'referredOn', 'subDistrict', 'workers'].sort(),
    );
  });

  it('parses into what ReferMediation takes, so the handler only adds the id, now and actor', () => {
    const body = referMediationSchema.parse(valid());
    const command: ReferMediation = {
      type: 'ReferMediation',
      ...body,
      mediationId: 'm-1',
      now: new Date('2026-03-10T02:00:00Z'),
      actor: { id: 'u-1', role: 'mediator' },
    };
    given(mediation).when(command).then([{ type: 'MediationReferred', data: { ...body, mediationId: 'm-1' } }]);
  });
});

const oneOf = (codes: readonly string[]) => `must be one of ${codes.join(', ')}`;

/*
 * What the decider checked again before issue 13, and now only the schemas do: every way a command
 * is made (HTTP, imported rows, the demo) parses its fields through these.
 */
describe('the fields the mediation decider no longer checks again', () => {
  it('names a bad credit code, ID number or phone of a referral', () => {
    expect(problems(referMediationSchema, { ...valid(), employer: { name: '某公司', creditCode: '91440300708461136U' } })).toEqual([
      'employer.creditCode: not a valid Unified Social Credit Code: check character does not match: the code is mistyped (GB 32100-2015)',
    ]);
    expect(problems(referMediationSchema, { ...valid(), workers: [{ name: '张三', idNumber: '110105194912310021' }] })).toEqual([
      expect.stringMatching(/^workers\.0\.idNumber: not a valid resident ID number: /),
    ]);
    expect(problems(referMediationSchema, { ...valid(), workers: [{ name: '张三' }, { name: '李四', phone: '12345' }] })).toEqual([
      'workers.1.phone: must be a mainland mobile (13812345678) or a landline with area code (0755-28881234)',
    ]);
  });

  it.each([
    [{ court: ' ' }, 'court: must not be empty'],
    [{ courtCaseNo: '' }, 'courtCaseNo: must not be empty'],
    [{ referredOn: '2026-02-30' }, 'referredOn: must be a real date written YYYY-MM-DD'],
    [{ referredOn: undefined }, 'referredOn: must be a real date written YYYY-MM-DD'],
    [{ subDistrict: 'futian' }, `subDistrict: ${oneOf(subDistrictCodes())}`],
    [{ category: 'bonus' }, `category: ${oneOf(DISPUTE_CATEGORIES)}`],
    [{ employer: null }, 'employer: must be an object, not null'],
    [{ workers: [] }, 'workers: must name at least one worker'],
    [{ workers: [{ name: '' }] }, 'workers.0.name: must not be empty'],
    [{ claimAmountFen: -1 }, 'claimAmountFen: must not be negative'],
    [{ claimAmountFen: 10.5 }, 'claimAmountFen: must be a whole number of fen'],
    [{ claimAmountFen: 1e12 + 1 }, 'claimAmountFen: must be at most 1000000000000 fen'],
  ])('refuses the referral %p', (change, problem) => {
    expect(problems(referMediationSchema, { ...valid(), ...change })).toEqual([problem]);
  });

  it('names every bad field of a referral at once', () => {
    expect(fields(referMediationSchema, { ...valid(), claimAmountFen: -5, subDistrict: 'nowhere', courtCaseNo: '' }).sort()).toEqual([
      'claimAmountFen',
      'courtCaseNo',
      'subDistrict',
    ]);
  });

  it.each([
    [assignMediationMediatorSchema, { mediatorId: '' }, 'mediatorId: must be the id (uuid) of a mediator account, or me'],
    [holdSessionSchema, { heldOn: '2026-03-05', form: 'letter', note: '电话调解' }, `form: ${oneOf(MEDIATION_SESSION_FORMS)}`],
    [holdSessionSchema, { heldOn: '2026-03-05', form: 'phone', note: '' }, 'note: must not be empty'],
    [extendMediationSchema, { extraDays: 0, agreedOn: '2026-03-09' }, 'extraDays: must be at least 1'],
    [extendMediationSchema, { extraDays: 31, agreedOn: '2026-03-09' }, 'extraDays: must be at most 30'],
    [extendMediationSchema, { extraDays: 2.5, agreedOn: '2026-03-09' }, 'extraDays: must be a whole number of days'],
    [reachAgreementSchema, { amountFen: 0, agreedOn: '2026-03-09', paymentTerms: '一次性支付' }, 'amountFen: must be a positive number of fen'],
    [reachAgreementSchema, { amountFen: -100, agreedOn: '2026-03-09', paymentTerms: '一次性支付' }, 'amountFen: must be a positive number of fen'],
    [reachAgreementSchema, { amountFen: 99.5, agreedOn: '2026-03-09', paymentTerms: '一次性支付' }, 'amountFen: must be a whole number of fen'],
    [reachAgreementSchema, { amountFen: 1e12 + 1, agreedOn: '2026-03-09', paymentTerms: '一次性支付' }, 'amountFen: must be at most 1000000000000 fen'],
    [reachAgreementSchema, { amountFen: 1, agreedOn: '2026-03-09', paymentTerms: ' ' }, 'paymentTerms: must not be empty'],
    [reachAgreementSchema, { amountFen: 1, agreedOn: '2026-3-9', paymentTerms: '一次性支付' }, 'agreedOn: must be a real date written YYYY-MM-DD'],
    [recordJudicialConfirmationSchema, { status: 'withdrawn', on: '2026-03-06' }, 'status: must be one of applied, granted, refused'],
    [recordJudicialConfirmationSchema, { status: 'applied', on: '06/03/2026' }, 'on: must be a real date written YYYY-MM-DD'],
    [failMediationSchema, { reason: '', failedOn: '2026-03-09' }, 'reason: must not be empty'],
    [withdrawMediationSchema, { reason: ' ' }, 'reason: must not be empty'],
  ] as const)('%#: refuses %p', (schema, body, problem) => {
    expect(problems(schema, body)).toEqual([problem]);
  });
});

describe('the other mediation request schemas', () => {
  it('sessions: a date, a known form, a note', () => {
    expect(fields(holdSessionSchema, { heldOn: '2026-03-05', form: 'video', note: '视频调解' })).toEqual([]);
    expect(fields(holdSessionSchema, { heldOn: '2026-03-05', form: 'letter', note: ' ' }).sort()).toEqual(['form', 'note']);
  });

  it('extension: 1 to 30 whole days, a note optional', () => {
    expect(fields(extendMediationSchema, { extraDays: 30, agreedOn: '2026-03-05' })).toEqual([]);
    expect(fields(extendMediationSchema, { extraDays: 1, agreedOn: '2026-03-05', note: '双方同意' })).toEqual([]);
    for (const extraDays of [0, 31, 1.5, '10']) expect(fields(extendMediationSchema, { extraDays, agreedOn: '2026-03-05' })).toEqual(['extraDays']);
  });

  it('agreement: a positive amount in fen and payment terms', () => {
    const body = { amountFen: 1, agreedOn: '2026-03-09', paymentTerms: '一次性支付' };
    expect(fields(reachAgreementSchema, body)).toEqual([]);
    expect(fields(reachAgreementSchema, { ...body, amountFen: 0 })).toEqual(['amountFen']);
    expect(fields(reachAgreementSchema, { ...body, paymentTerms: '' })).toEqual(['paymentTerms']);
  });

  it('judicial confirmation: applied, granted or refused, on a date', () => {
    for (const status of ['applied', 'granted', 'refused']) expect(fields(recordJudicialConfirmationSchema, { status, on: '2026-03-10' })).toEqual([]);
    expect(fields(recordJudicialConfirmationSchema, { status: 'pending', on: '2026-03-10' })).toEqual(['status']);
    expect(fields(recordJudicialConfirmationSchema, { status: 'applied' })).toEqual(['on']);
  });

  it('failure needs a reason; withdrawal needs nothing', () => {
    expect(fields(failMediationSchema, { failedOn: '2026-03-10' })).toEqual(['reason']);
    expect(fields(withdrawMediationSchema, {})).toEqual([]);
    expect(withdrawMediationSchema.parse({})).toEqual({});
    expect(fields(withdrawMediationSchema, { withdrawnOn: '2026-02-30' })).toEqual(['withdrawnOn']);
  });

  it('list filters: statuses and judicial confirmation steps of the domain', () => {
    expect(fields(listMediationsSchema, { status: 'in_progress', judicialConfirmation: 'not_applied', referredFrom: '2026-01-01' })).toEqual([]);
    expect(fields(listMediationsSchema, { status: 'closed' })).toEqual(['status']);
    expect(listMediationsSchema.parse({})).toMatchObject({ page: 1, pageSize: 50 });
  });
});
