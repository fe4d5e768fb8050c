/**
 * Failures that mean "a service this API needs is not there right now", not "this request is
 * wrong" or "this code is broken": PostgreSQL restarting or unreachable, Redis gone. They answer
 * 503 with Retry-After, so clients (the informants' phones above all) wait and resend, instead of
 * a 500 that reads as a bug.
 */

/** Socket errors (Node), and SQLSTATEs of class 08 (connection), 57P0x (shutdown) and 53300. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** Drivers that report a lost connection by message only (pg, pg-pool, ioredis). */
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection is closed/i,
  /Reached the max retries per request limit/i,
  /Stream isn't writeable/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

/** How long a client is asked to wait before it tries again. */
export const RETRY_AFTER_SECONDS = 5;

/** True when the error, or one it wraps (TypeORM's driverError, a cause, an AggregateError), is an outage. */
export function isUnavailable(error: unknown): boolean {
  // Iterative, with a bound: error chains are short, but a cycle must not hang a request.
  const pending: unknown[] = [error];
  for (let seen = 0; pending.length > 0 && seen < 20; seen++) {
    const current = pending.pop() as
      | { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown; retryable?: unknown }
      | null
      | undefined;
    if (!current || typeof current !== 'object') continue;
    if (typeof current.code === 'string' && UNAVAILABLE_CODES.has(current.code)) return true;
    if (typeof current.message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(current.message as string))) {
      return true;
    }
    pending.push(current.driverError, current.cause);
    if (Array.isArray(current.errors)) pending.push(...current.errors);
  }
  return false;
}
