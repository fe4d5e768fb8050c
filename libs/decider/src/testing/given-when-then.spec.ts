import { Decider, DomainEvent } from '../decider';
import { DomainError, invalidField, unprocessable } from '../domain-error';
import { given } from './given-when-then';

type Counted = DomainEvent<'Counted', { by: number; at?: unknown }>;
type Count = { by: number; at?: unknown };
const counter: Decider<Count, Counted, number> = {
  initialState: () => 0,
  evolve: (total, e) => total + e.data.by,
  decide: (c, total) => {
    if (c.by === 0) throw invalidField('by', 'must not be 0');
    if (total + c.by > 10) throw unprocessable('too many', 'by');
    if (c.by < 0) throw new Error('a bug');
    return [{ type: 'Counted', data: c.at === undefined ? { by: c.by } : { by: c.by, at: c.at } }];
  },
};
const counted = (by: number): Counted => ({ type: 'Counted', data: { by } });

describe('given / when / then', () => {
  it('folds the given events and asserts the decided ones, returning the next state', () => {
    expect(given(counter, [counted(2)]).state).toBe(2);
    expect(given(counter, [counted(2)]).when({ by: 3 }).then([counted(3)])).toBe(5);
    expect(() => given(counter).when({ by: 3 }).then([counted(4)])).toThrow();
  });

  it('refuses event data that JSON would change', () => {
    expect(() => given(counter).when({ by: 1, at: new Date(0) }).then([{ type: 'Counted', data: { by: 1, at: new Date(0) } }])).toThrow(/JSON/);
    expect(() => given(counter).when({ by: 1, at: undefined }).then([counted(1)])).not.toThrow();
  });

  it('asserts the error code and the field named', () => {
    expect(given(counter).when({ by: 0 }).thenThrows('validation_failed', 'by')).toBeInstanceOf(DomainError);
    expect(() => given(counter).when({ by: 0 }).thenThrows('unprocessable')).toThrow(/expected a unprocessable error/);
    expect(() => given(counter).when({ by: 0 }).thenThrows('validation_failed', 'other')).toThrow(/name other/);
    expect(() => given(counter, [counted(9)]).when({ by: 2 }).thenThrows('unprocessable', 'by')).not.toThrow();
    expect(() => given(counter).when({ by: 1 }).thenThrows('unprocessable')).toThrow(/got events/);
    expect(() => given(counter).when({ by: -1 }).thenThrows('unprocessable')).toThrow('a bug');
  });
});
