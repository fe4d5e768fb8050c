import { maskClaimant, maskedEventData } from './personal-data';

describe('personal data of claimants', () => {
  it('masks ID numbers and phones, and leaves absent ones absent', () => {
    expect(maskClaimant({ name: '张三', idNumber: '11010519491231002X', phone: '13812345678' })).toEqual({
      name: '张三',
      idNumber: '110105********002X',
      phone: '138****5678',
    });
    expect(maskClaimant({ name: '李四' })).toEqual({ name: '李四' });
  });

  it('masks the claimants of an opening in event data, and nothing else', () => {
    const data = { caseNo: 'LG-PH-2026-0001', claimants: [{ name: '张三', phone: '0755-28881234' }] };
    expect(maskedEventData('DisputeOpened', data)).toEqual({ caseNo: 'LG-PH-2026-0001', claimants: [{ name: '张三', phone: '0755-****1234' }] });
    expect(data.claimants[0].phone).toBe('0755-28881234');
    expect(maskedEventData('MediatorAssigned', { mediatorId: 'm-1' })).toEqual({ mediatorId: 'm-1' });
  });
});
