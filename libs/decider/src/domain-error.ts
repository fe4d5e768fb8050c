/** One invalid field, named by its dotted path in the request (`employer.creditCode`, `claimants.0.idNumber`). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * The codes a domain may answer with. The HTTP layer maps each to a status in one table
 * (libs/http problem-types); the domain never speaks HTTP.
 */
export type DomainErrorCode =
  | 'validation_failed' // the input itself is wrong (400)
  | 'forbidden' // the actor may not do this (403)
  | 'not_found' // no such record, or not one the actor may see (404)
  | 'conflict' // clashes with the current state, e.g. a taken username (409)
  | 'duplicate' // the record exists already (a work-order number, a court case number...): 409 naming it
  | 'precondition_failed' // If-Match named a version that is no longer current (412)
  | 'unprocessable' // well-formed, but the record's state or the rules refuse it (422)
  | 'unauthenticated' // no valid credentials (401)
  | 'too_many_requests' // slow down (429)
  | 'service_unavailable'; // a service it needs is down; try again later (503)

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Fields to blame, when the error is about particular fields. */
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class ValidationFailedError extends DomainError {
  constructor(
    errors: FieldError[],
    message = errors.length === 1 ? `${errors[0].field || 'request'}: ${errors[0].message}` : `${errors.length} fields are invalid`,
  ) {
    super('validation_failed', message, errors);
    this.name = 'ValidationFailedError';
  }
}

/** The record the caller is creating exists already; `existing` names it, so the client can open it instead. */
export class DuplicateRecordError extends DomainError {
  constructor(
    message: string,
    readonly existing: { kind: string; id: string; [detail: string]: unknown },
    errors?: FieldError[],
  ) {
    super('duplicate', message, errors);
    this.name = 'DuplicateRecordError';
  }
}

/**
 * Refused for now, not for good: too many requests (429), or a service it needs is down (503).
 * The HTTP layer sends `retryAfterSeconds` as the Retry-After header.
 */
export class TryLaterError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(code: 'too_many_requests' | 'service_unavailable', message: string, retryAfterSeconds: number) {
    super(code, message);
    this.name = 'TryLaterError';
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}

/** A rule refuses the command on a field the caller sent (a date before the case opened...). */
export function unprocessable(message: string, field?: string): DomainError {
  return new DomainError('unprocessable', message, field ? [{ field, message }] : undefined);
}

export function invalidField(field: string, message: string): ValidationFailedError {
  return new ValidationFailedError([{ field, message }]);
}

/**
 * Text the stores cannot keep faithfully: a NUL character (PostgreSQL text and jsonb refuse it)
 * or a lone UTF-16 surrogate (not a character at all; jsonb refuses its escape, UTF-8 cannot hold
 * it). Returns why, or undefined for good text.
 */
export function unstorableTextProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain a NUL character (U+0000)';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text (it holds a lone surrogate)';
  return undefined;
}
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
