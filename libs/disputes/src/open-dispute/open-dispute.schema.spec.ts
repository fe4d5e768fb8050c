import { z } from 'zod';
import { given } from '@lc/decider';
import { OpenDispute, disputeCase } from '../dispute-case/dispute-case.decider';
import { openDisputeSchema } from './open-dispute.schema';

const valid = () => ({
  channel: 'walk_in',
  subDistrict: 'pinghu',
  employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
  category: 'wage_arrears',
  workersInvolved: 12,
  amountClaimedFen: 36_000_000,
  summary: '12名员工反映2月工资未发放',
  openedOn: '2026-03-02',
  claimants: [{ name: '张三', idNumber: '11010519491231002X', phone: '13812345678' }, { name: '李四' }],
});

/** Each issue as 'dotted.path: message', the way the API's problem+json names fields. */
function problems(body: unknown): string[] {
  const result = openDisputeSchema.safeParse(body);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => [...issue.path, key].join('.') + ': is not allowed')
      : [`${issue.path.join('.')}: ${issue.message}`],
  );
}
const fields = (body: unknown) => problems(body).map((p) => p.split(':')[0]);

describe('POST /disputes request schema', () => {
  it('accepts the issue 4 body and normalises codes', () => {
    expect(problems(valid())).toEqual([]);
    const parsed = openDisputeSchema.parse({
      ...valid(),
      employer: { name: '  某公司 ', creditCode: ' 91440300708461136t ' },
      claimants: [{ name: '张三', idNumber: '11010519491231002x' }],
      openedOn: undefined,
    });
    expect(parsed.employer).toEqual({ name: '某公司', creditCode: '91440300708461136T' });
    expect(parsed.claimants[0].idNumber).toBe('11010519491231002X');
    expect(parsed.openedOn).toBeUndefined();
    expect(openDisputeSchema.parse({ ...valid(), infringementKnownOn: '2026-02-15' }).infringementKnownOn).toBe('2026-02-15');
  });

  it('names employer.creditCode for a wrong check character, with a clear message', () => {
    const bad = problems({ ...valid(), employer: { name: '某公司', creditCode: '91440300708461136U' } });
    expect(bad).toEqual(['employer.creditCode: not a valid Unified Social Credit Code: check character does not match: the code is mistyped (GB 32100-2015)']);
    expect(fields({ ...valid(), employer: { name: '某公司', creditCode: '9144030070846113' } })).toEqual(['employer.creditCode']);
    expect(fields({ ...valid(), employer: { name: '某公司', creditCode: '9144030070846113IT' } })).toEqual(['employer.creditCode']);
  });

  it('names claimants.0.idNumber for a wrong check digit, without echoing the number', () => {
    const bad = problems({ ...valid(), claimants: [{ name: '张三', idNumber: '110105194912310021' }] });
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatch(/^claimants\.0\.idNumber: not a valid resident ID number: check character/);
    expect(bad[0]).not.toContain('110105194912310021');
    const result = openDisputeSchema.safeParse({ ...valid(), claimants: [{ name: '张三', idNumber: '110105194912310021' }] });
    expect(JSON.stringify(result.error?.issues)).not.toContain('110105194912310021');
    expect(fields({ ...valid(), claimants: [{ name: '张三' }, { name: '李四', idNumber: '11010519491331002X' }] })).toEqual(['claimants.1.idNumber']);
  });

  it('checks phones against Chinese mobile and landline patterns', () => {
    expect(fields({ ...valid(), claimants: [{ name: '张三', phone: '0755-28881234' }] })).toEqual([]);
    expect(fields({ ...valid(), claimants: [{ name: '张三', phone: '12345678901' }] })).toEqual(['claimants.0.phone']);
  });

  it('takes codes from the reference data', () => {
    expect(fields({ ...valid(), subDistrict: 'futian' })).toEqual(['subDistrict']);
    expect(problems({ ...valid(), subDistrict: 'futian' })[0]).toContain('pinghu, bantian, buji');
    expect(fields({ ...valid(), channel: 'fax' })).toEqual(['channel']);
    expect(fields({ ...valid(), category: 'bonus' })).toEqual(['category']);
    for (const channel of ['walk_in', 'hotline_12351', 'online_opinion', 'petition', 'informant_alert', 'referral']) {
      expect(fields({ ...valid(), channel })).toEqual([]);
    }
  });

  it.each([
    ['workersInvolved', 0],
    ['workersInvolved', 1.5],
    ['workersInvolved', 100_001],
    ['workersInvolved', '12'],
    ['amountClaimedFen', -1],
    ['amountClaimedFen', 0.5],
    ['amountClaimedFen', 1e12 + 1],
    ['amountClaimedFen', '36000000'],
    ['openedOn', '2026-02-29'],
    ['openedOn', '2026-03-02T00:00:00Z'],
    ['infringementKnownOn', '2026/02/15'],
    ['summary', '   '],
    ['summary', 'x'.repeat(4001)],
  ])('refuses %s = %p', (field, value) => {
    expect(fields({ ...valid(), [field]: value })).toEqual([field]);
  });

  it('bounds the limits at their edges', () => {
    expect(fields({ ...valid(), workersInvolved: 100_000, amountClaimedFen: 1e12 })).toEqual([]);
    expect(fields({ ...valid(), amountClaimedFen: 0 })).toEqual([]);
  });

  it('refuses an empty claimant list and unnamed claimants', () => {
    expect(fields({ ...valid(), claimants: [] })).toEqual(['claimants']);
    expect(fields({ ...valid(), claimants: [{ name: '' }] })).toEqual(['claimants.0.name']);
    expect(fields({ ...valid(), claimants: Array.from({ length: 1001 }, () => ({ name: '张三' })) })).toEqual(['claimants']);
  });

  it('rejects unknown fields, at the top and inside', () => {
    expect(problems({ ...valid(), status: 'resolved' })).toEqual(['status: is not allowed']);
    expect(fields({ ...valid(), employer: { name: '某公司', creditCode: '91440300708461136T', address: '龙岗' } })).toEqual(['employer.address']);
    expect(fields({ ...valid(), claimants: [{ name: '张三', age: 30 }] })).toEqual(['claimants.0.age']);
  });

  it('names every missing field at once', () => {
    expect(fields({}).sort()).toEqual(
      ['amountClaimedFen', 'category', 'channel', 'claimants', 'employer', 'subDistrict', 'summary', 'workersInvolved'].sort(),
    );
  });

  it('parses into what OpenDispute takes, so the handler only adds ids, now and actor', () => {
    const body = openDisputeSchema.parse(valid());
    const command: OpenDispute = {
      type: 'OpenDispute',
      ...body,
      disputeId: 'd-1',
      caseNo: 'LG-PH-2026-0042',
      now: new Date('2026-03-10T02:00:00Z'),
      actor: { id: 'u-1', role: 'mediator' },
    };
    given(disputeCase)
      .when(command)
      .then([{ type: 'DisputeOpened', data: { ...body, disputeId: 'd-1', caseNo: 'LG-PH-2026-0042', openedOn: '2026-03-02' } }]);
  });

  it('documents as OpenAPI', () => {
    const json = z.toJSONSchema(openDisputeSchema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as {
      required: string[];
      additionalProperties: boolean;
    };
    expect(json.required).not.toContain('openedOn');
    expect(json.required).toContain('employer');
    expect(json.additionalProperties).toBe(false);
  });
});
