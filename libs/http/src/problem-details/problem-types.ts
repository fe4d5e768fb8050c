/**
 * The one table from error codes to HTTP answers. Errors carry a `code`; only this table knows
 * what it means on the wire.
 */
export const PROBLEM_TYPES: Readonly<Record<string, { status: number; title: string; detail?: string }>> = {
  validation_failed: { status: 400, title: 'The request is invalid' },
  unauthenticated: { status: 401, title: 'Authentication is required' },
  forbidden: { status: 403, title: 'Not allowed' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  // The event store's own messages name internal streams: these answer with a fixed detail.
  concurrency_conflict: {
    status: 409,
    title: 'Changed by someone else meanwhile',
    detail: 'The record kept changing while this request was applied; read it again and retry',
  },
  duplicate: { status: 409, title: 'Exists already' },
  partial_duplicate_append: {
    status: 409,
    title: 'Partly repeated request',
    detail: 'Part of this request was applied already by an earlier try with the same Idempotency-Key; read the record again',
  },
  precondition_failed: { status: 412, title: 'Precondition failed' },
  unprocessable: { status: 422, title: 'Cannot be processed in the current state' },
  too_many_requests: { status: 429, title: 'Too many requests' },
  append_too_large: {
    status: 413,
    title: 'Too large to record in one step',
    detail: 'This change is larger than the event store accepts in one step; send it in smaller parts',
  },
  service_unavailable: { status: 503, title: 'Temporarily unavailable' },
  // Refused before any route: the body itself, or what Express and Nest answer on their own.
  malformed_json: { status: 400, title: 'The body is not valid JSON' },
  bad_request: { status: 400, title: 'Bad request' },
  payload_too_large: { status: 413, title: 'The body is too large' },
  unsupported_media_type: { status: 415, title: 'The body must be JSON' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  headers_too_large: { status: 431, title: 'The request headers are too large' },
  // Evidence uploads (the file's field is named in `errors`) and files whose bytes are gone.
  file_too_large: { status: 413, title: 'The file is too large' },
  unsupported_file_type: { status: 415, title: 'This type of file is not accepted' },
  gone: { status: 410, title: 'Gone' },
  internal_error: { status: 500, title: 'Internal server error' },
};

/** The code of an answer that carries none of its own (Nest's HttpExceptions): every problem has a code. */
export function codeForStatus(status: number): string {
  const known: Record<number, string> = {
    400: 'bad_request',
    401: 'unauthenticated',
    403: 'forbidden',
    404: 'not_found',
    405: 'method_not_allowed',
    409: 'conflict',
    412: 'precondition_failed',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    422: 'unprocessable',
    429: 'too_many_requests',
    503: 'service_unavailable',
  };
  return known[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
}

/**
 * Problem type URIs. RFC 9457 wants an absolute URI that never changes; a URN promises no page to
 * dereference, which is honest until the API has published documentation for each type.
 */
export const PROBLEM_TYPE_PREFIX = 'urn:labour-cases:problem:';

export function problemTypeUri(code: string): string {
  return `${PROBLEM_TYPE_PREFIX}${code.replace(/_/g, '-')}`;
}
