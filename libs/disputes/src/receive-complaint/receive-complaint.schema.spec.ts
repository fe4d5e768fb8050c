import { receiveComplaintSchema } from './receive-complaint.schema';
import { handleComplaintSchema } from '../handle-complaint/handle-complaint.schema';
import { convertComplaintSchema } from '../convert-complaint/convert-complaint.schema';

const valid = () => ({
  source: 'hotline_12351',
  workOrderNo: '12351-2026-000731',
  subDistrict: 'bantian',
  employer: { name: '深圳市某某科技有限公司', creditCode: '91350200776049653A' },
  summary: '来电反映公司拖欠两个月工资',
  receivedAt: '2026-03-08T09:15:00+08:00',
});

const fields = (schema: { safeParse(v: unknown): { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; code: string; keys?: string[] }> } } }, body: unknown) => {
  const result = schema.safeParse(body);
  return result.success
    ? []
    : result.error!.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys!.map((k) => [...i.path, k].join('.')) : [i.path.join('.')]));
};

describe('complaint request schemas', () => {
  describe('POST /complaints', () => {
    it('accepts a 12351 work order, and online opinion without number, employer or credit code', () => {
      expect(fields(receiveComplaintSchema, valid())).toEqual([]);
      expect(fields(receiveComplaintSchema, { ...valid(), source: 'online_opinion', workOrderNo: undefined, employer: undefined })).toEqual([]);
      expect(fields(receiveComplaintSchema, { ...valid(), source: 'other', workOrderNo: undefined, employer: { name: '某物流公司' } })).toEqual([]);
      expect(receiveComplaintSchema.parse({ ...valid(), receivedAt: '2026-03-08T01:15:00Z' }).receivedAt).toBe('2026-03-08T01:15:00Z');
    });

    it('requires the work-order number for the 12351 hotline, also when other fields are bad', () => {
      expect(fields(receiveComplaintSchema, { ...valid(), workOrderNo: undefined })).toEqual(['workOrderNo']);
      expect(fields(receiveComplaintSchema, { ...valid(), workOrderNo: undefined, subDistrict: 'futian' }).sort()).toEqual(['subDistrict', 'workOrderNo']);
    });

    it.each([
      ['source', 'wechat'],
      ['subDistrict', 'futian'],
      ['summary', ''],
      ['receivedAt', '2026-03-08'],
      ['receivedAt', '2026-03-08T09:15:00'],
      ['workOrderNo', 'x'.repeat(65)],
    ])('refuses %s = %p', (field, value) => {
      expect(fields(receiveComplaintSchema, { ...valid(), [field]: value })).toEqual([field]);
    });

    it('checks a credit code when one is given, and rejects unknown fields', () => {
      expect(fields(receiveComplaintSchema, { ...valid(), employer: { name: '某公司', creditCode: '91350200776049653B' } })).toEqual(['employer.creditCode']);
      expect(fields(receiveComplaintSchema, { ...valid(), priority: 'high' })).toEqual(['priority']);
      expect(fields(receiveComplaintSchema, 'not an object')).toEqual(['']);
    });
  });

  describe('POST /complaints/{id}/handling', () => {
    it('needs a note and a date', () => {
      expect(fields(handleComplaintSchema, { note: '已回复', handledOn: '2026-03-09' })).toEqual([]);
      expect(fields(handleComplaintSchema, { note: '', handledOn: '2026-03-32' }).sort()).toEqual(['handledOn', 'note']);
      expect(fields(handleComplaintSchema, { note: '已回复', handledOn: '2026-03-09', by: 'me' })).toEqual(['by']);
    });
  });

  describe('POST /complaints/{id}/conversion', () => {
    const conversion = { category: 'wage_arrears', workersInvolved: 8, amountClaimedFen: 9_600_000, claimants: [{ name: '王五' }] };
    it('needs what a complaint lacks to be a dispute', () => {
      expect(fields(convertComplaintSchema, conversion)).toEqual([]);
      expect(fields(convertComplaintSchema, { ...conversion, employer: { name: '某公司', creditCode: '91440300708461136T' }, channel: 'petition' })).toEqual([]);
      expect(fields(convertComplaintSchema, { ...conversion, employer: { name: '某公司', creditCode: 'bad' } })).toEqual(['employer.creditCode']);
      expect(fields(convertComplaintSchema, { ...conversion, claimants: [{ name: '王五', idNumber: '110105194912310021' }] })).toEqual(['claimants.0.idNumber']);
      expect(fields(convertComplaintSchema, {}).sort()).toEqual(['amountClaimedFen', 'category', 'claimants', 'workersInvolved']);
    });
  });
});
