import { DomainError } from '@lc/decider';
import { CLIENT_CLOCK_SKEW_MS, refuseFutureDate, refuseFutureInstant } from './decide-rules';

// 2026-03-10 10:00 in Shanghai.
const NOW = new Date('2026-03-10T02:00:00Z');

function messageOf(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).message;
  }
}

describe('refuseFutureInstant', () => {
  it('speaks of China time only, whatever offset the instant was sent with', () => {
    const expected = 'observedAt 2026-03-11T10:00:00.000+08:00 is in the future (it is now 2026-03-10T10:00:00.000+08:00, China time)';
    expect(messageOf(() => refuseFutureInstant('observedAt', '2026-03-11T02:00:00Z', NOW))).toBe(expected);
    expect(messageOf(() => refuseFutureInstant('observedAt', '2026-03-11T10:00:00+08:00', NOW))).toBe(expected);
    expect(messageOf(() => refuseFutureInstant('observedAt', '2026-03-10T21:00:00-05:00', NOW))).toBe(expected);
  });

  it('allows a client clock a little ahead', () => {
    expect(messageOf(() => refuseFutureInstant('receivedAt', new Date(NOW.getTime() + CLIENT_CLOCK_SKEW_MS).toISOString(), NOW))).toBeUndefined();
    expect(messageOf(() => refuseFutureInstant('receivedAt', new Date(NOW.getTime() + CLIENT_CLOCK_SKEW_MS + 1000).toISOString(), NOW))).toContain('+08:00');
  });
});

describe('refuseFutureDate', () => {
  it('judges by the Shanghai calendar and says so', () => {
    // 2026-03-09T17:00Z is already 2026-03-10 in Shanghai.
    const lateEvening = new Date('2026-03-09T17:00:00Z');
    expect(messageOf(() => refuseFutureDate('openedOn', '2026-03-10', lateEvening))).toBeUndefined();
    expect(messageOf(() => refuseFutureDate('openedOn', '2026-03-11', lateEvening))).toBe('openedOn 2026-03-11 is in the future (today is 2026-03-10, China time)');
  });
});
