/**
 * The one table from error codes to HTTP answers. Errors carry a `code`; only this table knows
 * what it means on the wire.
 */
export const PROBLEM_TYPES: Readonly<Record<string, { status: number; title: string }>> = {
  validation_failed: { status: 400, title: 'The request is invalid' },
  unauthenticated: { status: 401, title: 'Authentication is required' },
  forbidden: { status: 403, title: 'Not allowed' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  concurrency_conflict: { status: 409, title: 'Changed by someone else meanwhile' },
  partial_duplicate_append: { status: 409, title: 'Partly repeated request' },
  precondition_failed: { status: 412, title: 'Precondition failed' },
  unprocessable: { status: 422, title: 'Cannot be processed in the current state' },
  too_many_requests: { status: 429, title: 'Too many requests' },
};

/**
 * Problem type URIs. RFC 9457 wants an absolute URI that never changes; a URN promises no page to
 * dereference, which is honest until the API has published documentation for each type.
 */
export const PROBLEM_TYPE_PREFIX = 'urn:labour-cases:problem:';

export function problemTypeUri(code: string): string {
  return `${PROBLEM_TYPE_PREFIX}${code.replace(/_/g, '-')}`;
}
