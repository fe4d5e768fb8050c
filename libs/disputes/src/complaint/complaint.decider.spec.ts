import { Actor, DomainError, given } from '@lc/decider';
import { disputeCase } from '../dispute-case/dispute-case.decider';
import {
  Complaint,
  ComplaintEvent,
  ComplaintReceived,
  ConvertComplaint,
  HandleComplaint,
  ReceiveComplaint,
  complaint,
  complaintStreamId,
  disputeFromComplaint,
} from './complaint.decider';

// 2026-03-10 10:00 in Shanghai.
const now = new Date('2026-03-10T02:00:00Z');
const actor: Actor = { id: 'user-1', role: 'mediator' };
const ctx = { now, actor };

const receiveCommand = (overrides: Partial<ReceiveComplaint> = {}): ReceiveComplaint => ({
  type: 'ReceiveComplaint',
  complaintId: 'c-1',
  source: 'hotline_12351',
  workOrderNo: '12351-2026-000731',
  subDistrict: 'bantian',
  employer: { name: '深圳市某某科技有限公司', creditCode: '91350200776049653A' },
  summary: '来电反映公司拖欠两个月工资',
  receivedAt: '2026-03-08T09:15:00+08:00',
  ...ctx,
  ...overrides,
});

const receivedEvent = (overrides: Partial<ComplaintReceived['data']> = {}): ComplaintReceived => ({
  type: 'ComplaintReceived',
  data: {
    complaintId: 'c-1',
    source: 'hotline_12351',
    workOrderNo: '12351-2026-000731',
    subDistrict: 'bantian',
    employer: { name: '深圳市某某科技有限公司', creditCode: '91350200776049653A' },
    summary: '来电反映公司拖欠两个月工资',
    receivedAt: '2026-03-08T01:15:00.000Z',
    ...overrides,
  },
});

const handle = (handledOn: string, note = '已电话回复并协调企业补发'): HandleComplaint => ({ type: 'HandleComplaint', note, handledOn, ...ctx });
const convert = (disputeId: string, convertedOn?: string): ConvertComplaint => ({ type: 'ConvertComplaint', disputeId, convertedOn, ...ctx });
const handled: ComplaintEvent = { type: 'ComplaintHandled', data: { note: '已回复', handledOn: '2026-03-09' } };
const converted: ComplaintEvent = { type: 'ComplaintConverted', data: { disputeId: 'd-1', convertedOn: '2026-03-09' } };
const asComplaint = (state: unknown) => state as Complaint;

describe('complaint', () => {
  it('lives in the stream complaint-<uuid>', () => {
    expect(complaintStreamId('abc')).toBe('complaint-abc');
  });

  describe('receiving', () => {
    it('records a 12351 work order with its number, the instant in UTC', () => {
      const state = given(complaint).when(receiveCommand()).then([receivedEvent()]);
      expect(asComplaint(state)).toMatchObject({ status: 'received', receivedOn: '2026-03-08', workOrderNo: '12351-2026-000731' });
    });

    it('dates a complaint by its Shanghai day', () => {
      const state = given(complaint)
        .when(receiveCommand({ receivedAt: '2026-03-08T17:30:00Z' }))
        .then([receivedEvent({ receivedAt: '2026-03-08T17:30:00.000Z' })]);
      expect(asComplaint(state).receivedOn).toBe('2026-03-09');
    });

    it('records an online-opinion item without work order, employer or credit code', () => {
      given(complaint)
        .when(receiveCommand({ source: 'online_opinion', workOrderNo: undefined, employer: undefined }))
        .then([receivedEvent({ source: 'online_opinion', workOrderNo: undefined, employer: undefined })].map(withoutUndefined));
      given(complaint)
        .when(receiveCommand({ source: 'other', workOrderNo: undefined, employer: { name: '某物流公司' } }))
        .then([withoutUndefined(receivedEvent({ source: 'other', workOrderNo: undefined, employer: { name: '某物流公司' } }))]);
    });

    // The fields themselves (codes, the 12351 work-order number...) are the request schema's: dispute-commands.schema.spec.ts.
    it('refuses a receipt time in the future', () => {
      given(complaint).when(receiveCommand({ receivedAt: '2026-03-10T11:00:00+08:00' })).thenThrows('unprocessable', 'receivedAt');
    });

    it('refuses to receive the same complaint twice', () => {
      given(complaint, [receivedEvent()]).when(receiveCommand()).thenThrows('conflict');
    });
  });

  describe('handling', () => {
    it('handles a received complaint', () => {
      const state = given(complaint, [receivedEvent()])
        .when(handle('2026-03-09'))
        .then([{ type: 'ComplaintHandled', data: { note: '已电话回复并协调企业补发', handledOn: '2026-03-09' } }]);
      expect(asComplaint(state)).toMatchObject({ status: 'handled', handledOn: '2026-03-09' });
    });

    it('handles a complaint once, and never one that was converted', () => {
      given(complaint, [receivedEvent(), handled]).when(handle('2026-03-10')).thenThrows('unprocessable');
      given(complaint, [receivedEvent(), converted]).when(handle('2026-03-10')).thenThrows('unprocessable');
    });

    it('refuses a date in the future or before the complaint was received', () => {
      given(complaint, [receivedEvent()]).when(handle('2026-03-11')).thenThrows('unprocessable', 'handledOn');
      given(complaint, [receivedEvent()]).when(handle('2026-03-07')).thenThrows('unprocessable', 'handledOn');
      given(complaint, [receivedEvent()])
        .when(handle('2026-03-08'))
        .then([{ type: 'ComplaintHandled', data: { note: '已电话回复并协调企业补发', handledOn: '2026-03-08' } }]);
    });

    it('refuses an unknown complaint', () => {
      given(complaint).when(handle('2026-03-09')).thenThrows('not_found');
    });
  });

  describe('conversion into a dispute case', () => {
    it('links the complaint to the dispute, dated today in Shanghai by default', () => {
      const state = given(complaint, [receivedEvent()])
        .when(convert('d-1'))
        .then([{ type: 'ComplaintConverted', data: { disputeId: 'd-1', convertedOn: '2026-03-10' } }]);
      expect(asComplaint(state)).toMatchObject({ status: 'converted', disputeId: 'd-1', convertedOn: '2026-03-10' });
      given(complaint, [receivedEvent()])
        .when(convert('d-1', '2026-03-09'))
        .then([{ type: 'ComplaintConverted', data: { disputeId: 'd-1', convertedOn: '2026-03-09' } }]);
    });

    it('converts a complaint once, and never one that was handled', () => {
      given(complaint, [receivedEvent(), converted]).when(convert('d-2')).thenThrows('unprocessable');
      given(complaint, [receivedEvent(), handled]).when(convert('d-2')).thenThrows('unprocessable');
    });

    it('refuses bad dates and an unknown complaint', () => {
      given(complaint, [receivedEvent()]).when(convert('d-1', '2026-03-11')).thenThrows('unprocessable', 'convertedOn');
      given(complaint, [receivedEvent()]).when(convert('d-1', '2026-03-07')).thenThrows('unprocessable', 'convertedOn');
      given(complaint).when(convert('d-1')).thenThrows('not_found');
    });

    const details = {
      category: 'wage_arrears' as const,
      workersInvolved: 8,
      amountClaimedFen: 9_600_000,
      claimants: [{ name: '王五', phone: '13912345678' }],
    };

    it('builds the dispute from the complaint, naming it as the source', () => {
      const received = asComplaint(given(complaint, [receivedEvent()]).state);
      const fields = disputeFromComplaint(received, details);
      expect(fields).toEqual({
        channel: 'hotline_12351',
        subDistrict: 'bantian',
        employer: { name: '深圳市某某科技有限公司', creditCode: '91350200776049653A' },
        category: 'wage_arrears',
        workersInvolved: 8,
        amountClaimedFen: 9_600_000,
        summary: '来电反映公司拖欠两个月工资',
        claimants: [{ name: '王五', phone: '13912345678' }],
        source: { kind: 'complaint', id: 'c-1' },
      });
      // The result opens a case as it is.
      given(disputeCase)
        .when({ type: 'OpenDispute', disputeId: 'd-1', caseNo: 'LG-BT-2026-0007', ...fields, ...ctx })
        .then([{ type: 'DisputeOpened', data: { disputeId: 'd-1', caseNo: 'LG-BT-2026-0007', openedOn: '2026-03-10', ...fields } }]);
    });

    it('needs an employer with a credit code, from the complaint or the details', () => {
      const anonymous = asComplaint(given(complaint, [receivedEvent({ source: 'online_opinion', employer: { name: '某物流公司' } })]).state);
      expect(() => disputeFromComplaint(anonymous, details)).toThrow(DomainError);
      try {
        disputeFromComplaint(anonymous, details);
      } catch (error) {
        expect((error as DomainError).errors).toEqual([{ field: 'employer.creditCode', message: expect.any(String) }]);
      }
      const employer = { name: '深圳市某物流有限公司', creditCode: '91440300708461136T' };
      expect(disputeFromComplaint(anonymous, { ...details, employer })).toMatchObject({ channel: 'online_opinion', employer });
      const other = asComplaint(given(complaint, [receivedEvent({ source: 'other', employer: undefined })]).state);
      expect(() => disputeFromComplaint(other, details)).toThrow(/employer/);
      expect(disputeFromComplaint(other, { ...details, employer, channel: 'petition' }).channel).toBe('petition');
      expect(disputeFromComplaint(other, { ...details, employer }).channel).toBe('referral');
    });
  });

  it('refuses to fold a stream that does not start with ComplaintReceived', () => {
    expect(() => given(complaint, [handled])).toThrow(/never received/);
  });
});

function withoutUndefined<T extends ComplaintEvent>(event: T): T {
  return JSON.parse(JSON.stringify(event)) as T;
}
