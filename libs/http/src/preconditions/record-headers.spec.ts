import { fillCreatedPath } from './record-headers.interceptor';

describe('fillCreatedPath', () => {
  it('fills each placeholder from the answer, else from the route parameters, URI-encoded', () => {
    expect(fillCreatedPath('disputes/:id', { id: 'a b' }, { id: 'complaint' })).toBe('disputes/a%20b');
    expect(fillCreatedPath('disputes/:id/letters/:letterId', { letterId: 'l1' }, { id: 'd1' })).toBe('disputes/d1/letters/l1');
    expect(fillCreatedPath('reports/monthly?month=:month&v=:revision', { month: '2026-11', revision: 2 }, {})).toBe('reports/monthly?month=2026-11&v=2');
  });

  it('gives no address when a placeholder has no value', () => {
    expect(fillCreatedPath('disputes/:id', {}, {})).toBeUndefined();
    expect(fillCreatedPath('disputes/:id', { id: '' }, {})).toBeUndefined();
    expect(fillCreatedPath('disputes/:id', { id: { nested: true } }, {})).toBeUndefined();
  });
});
