import { QueryFailedError } from 'typeorm';
import { EventStoreUnavailableError } from '@lc/event-store';
import { toProblem } from './to-problem';
import { isUnavailable } from './unavailable';

describe('outages answer 503 with Retry-After, not 500', () => {
  const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

  it.each([
    ['a refused connection', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['PostgreSQL shutting down (57P01)', pgError('57P01', 'terminating connection due to administrator command')],
    ['PostgreSQL starting up (57P03)', pgError('57P03', 'the database system is starting up')],
    ['too many connections (53300)', pgError('53300', 'sorry, too many clients already')],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['pg-pool waiting for a connection', new Error('timeout exceeded when trying to connect')],
    ['ioredis with the server gone', new Error('Connection is closed.')],
    ['TypeORM wrapping a lost connection', new QueryFailedError('SELECT 1', [], pgError('08006', 'connection failure'))],
    ['a cause two levels down', new Error('outer', { cause: new Error('middle', { cause: pgError('ECONNRESET') }) })],
    ['an AggregateError of refused addresses', new AggregateError([pgError('ECONNREFUSED'), pgError('ECONNREFUSED')], '')],
  ])('%s', (_, error) => {
    expect(isUnavailable(error)).toBe(true);
    const { problem, internal, retryAfterSeconds } = toProblem(error);
    expect(problem).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect(problem.detail).not.toMatch(/5432|SELECT|ECONN/);
    expect(internal).toBe(false);
    expect(retryAfterSeconds).toBeGreaterThan(0);
  });

  it("the event store's own unavailable error, by its code", () => {
    const { problem, retryAfterSeconds } = toProblem(new EventStoreUnavailableError('leader election at node2:2113'));
    expect(problem).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect(problem.detail).not.toMatch(/node2|leader/); // the cluster's inside stays in the log
    expect(retryAfterSeconds).toBeGreaterThan(0);
  });

  it.each([
    ['a unique violation', pgError('23505', 'duplicate key value violates unique constraint')],
    ['invalid text', pgError('22P05', 'unsupported Unicode escape sequence')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ])('but %s stays what it is', (_, error) => {
    expect(isUnavailable(error)).toBe(false);
    expect(toProblem(error).problem.status).toBe(500);
  });

  it('does not loop on an error that causes itself', () => {
    const error = new Error('loop') as Error & { cause?: unknown };
    error.cause = error;
    expect(isUnavailable(error)).toBe(false);
  });
});
