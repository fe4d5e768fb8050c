import { MaxAppendSizeExceededError, NotLeaderError, UnavailableError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { AppendTooLargeError, EventStoreUnavailableError } from '../event-store.port';
import { portError } from './kurrentdb-errors';

// No server here: these are the client's own error classes, built as the client builds them.
describe("KurrentDB client errors reach callers as the port's errors", () => {
  it('a leader election mid-call (not leader) is a retryable outage', () => {
    const notLeader = new NotLeaderError({
      message: 'not leader',
      metadata: { 'leader-endpoint-host': 'node2', 'leader-endpoint-port': '2113' },
    } as never);
    const mapped = portError(notLeader);
    expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
    expect(mapped).toMatchObject({ code: 'service_unavailable', retryable: true, cause: notLeader });
    // The node's name is for the log, not for the client's answer.
    expect((mapped as Error).message).not.toMatch(/node2|not leader|KurrentDB/);
    expect((mapped as EventStoreUnavailableError).reason).toMatch(/not leader/);
  });

  it('a node that is gone is a retryable outage', () => {
    expect(portError(new UnavailableError(new Error('14 UNAVAILABLE') as never))).toBeInstanceOf(EventStoreUnavailableError);
  });

  it('an append over the maximum size is AppendTooLargeError, with the limit', () => {
    const mapped = portError(MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576), 'dispute-1');
    expect(mapped).toBeInstanceOf(AppendTooLargeError);
    expect(mapped).toMatchObject({ streamId: 'dispute-1', maxBytes: 1_048_576, code: 'append_too_large' });
  });

  it('anything else is left as it is', () => {
    const other = new WrongExpectedVersionError(undefined as never, { streamName: 's', current: 1n, expected: 0n } as never);
    expect(portError(other)).toBe(other);
    const plain = new Error('x');
    expect(portError(plain)).toBe(plain);
  });
});
