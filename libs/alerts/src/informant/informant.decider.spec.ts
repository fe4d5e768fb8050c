import { given } from '@lc/decider';
import { InformantEvent, RegisterInformant, informant, informantStreamId } from './informant.decider';

const ctx = { now: new Date('2026-03-10T02:00:00Z'), actor: { id: 'sup-1', role: 'supervisor' } };
const register = (overrides: Partial<RegisterInformant> = {}): RegisterInformant => ({
  type: 'RegisterInformant',
  informantId: 'i-1',
  name: '陈小红',
  phone: '13812345678',
  subDistrict: 'pinghu',
  enterprises: ['91440300708461136T'],
  ...ctx,
  ...overrides,
});
const registered: InformantEvent = {
  type: 'InformantRegistered',
  data: {
    informantId: 'i-1',
    name: '陈小红',
    phone: '13812345678',
    subDistrict: 'pinghu',
    enterprises: ['91440300708461136T'],
    registeredAt: '2026-03-10T02:00:00.000Z',
  },
};
const deactivated: InformantEvent = { type: 'InformantDeactivated', data: { reason: '已离职' } };

describe('informant', () => {
  it('lives in informant-<accountId>', () => {
    expect(informantStreamId('i-1')).toBe('informant-i-1');
  });

  it('registers an informant with the enterprises they cover', () => {
    const state = given(informant).when(register()).then([registered]);
    expect(state).toMatchObject({ status: 'active', enterprises: ['91440300708461136T'] });
  });

  // The fields themselves (name, phone, credit codes...) are the request schema's: alert-requests.schema.spec.ts.
  it('registers an informant once', () => {
    given(informant, [registered]).when(register()).thenThrows('conflict');
  });

  it('changes the enterprises covered, and a repeat of the same list changes nothing', () => {
    const enterprises = ['91350200776049653A', '91440300708461136T'];
    given(informant, [registered])
      .when({ type: 'ChangeInformantEnterprises', enterprises, ...ctx })
      .then([{ type: 'InformantEnterprisesChanged', data: { enterprises } }]);
    given(informant, [registered]).when({ type: 'ChangeInformantEnterprises', enterprises: ['91440300708461136T'], ...ctx }).then([]);
    given(informant).when({ type: 'ChangeInformantEnterprises', enterprises, ...ctx }).thenThrows('not_found');
  });

  it('deactivates an informant once, and changes nothing for a deactivated one', () => {
    const state = given(informant, [registered]).when({ type: 'DeactivateInformant', reason: '已离职', ...ctx }).then([deactivated]);
    expect(state).toMatchObject({ status: 'deactivated', deactivationReason: '已离职' });
    given(informant, [registered]).when({ type: 'DeactivateInformant', ...ctx }).then([{ type: 'InformantDeactivated', data: {} }]);
    given(informant, [registered, deactivated]).when({ type: 'DeactivateInformant', ...ctx }).thenThrows('unprocessable');
    given(informant, [registered, deactivated])
      .when({ type: 'ChangeInformantEnterprises', enterprises: ['91350200776049653A'], ...ctx })
      .thenThrows('unprocessable');
  });

  it('leaves the state alone for events it does not know', () => {
    const foreign = { type: 'DeadlineReached', data: {} } as unknown as InformantEvent;
    expect(given(informant, [registered, foreign]).state).toEqual(given(informant, [registered]).state);
  });
});
