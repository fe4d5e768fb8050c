import { given } from '@lc/decider';
import { ErasePerson, PersonEvent, person } from './person.decider';

const now = new Date('2026-11-30T02:00:00Z');
const erase = (overrides: Partial<ErasePerson> = {}): ErasePerson => ({
  type: 'ErasePerson',
  personId: 'p-1',
  reason: '本人申请删除 (2026-11-28, 申请编号 17)',
  known: true,
  now,
  actor: { id: 'admin-1', role: 'admin' },
  ...overrides,
});
const erased: PersonEvent = {
  type: 'PersonErased',
  data: { personId: 'p-1', reason: '本人申请删除 (2026-11-28, 申请编号 17)', erasedAt: '2026-11-30T02:00:00.000Z' },
};

describe('person', () => {
  it('records the erasure of a person on record: who (metadata), when and why', () => {
    const state = given(person).when(erase()).then([erased]);
    expect(state).toEqual({ status: 'erased', erasedAt: '2026-11-30T02:00:00.000Z', reason: erased.data.reason });
  });

  it('erases once: again changes nothing', () => {
    given(person, [erased]).when(erase({ reason: 'again' })).then([]);
    given(person, [erased]).when(erase({ known: false })).then([]);
  });

  it('does not erase a person it does not know', () => {
    given(person).when(erase({ known: false })).thenThrows('not_found');
  });

  // The reason itself (given, at most 500 characters) is the request schema's: erase-person.schema.spec.ts.
});
