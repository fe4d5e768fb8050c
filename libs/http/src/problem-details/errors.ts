/** One invalid field, named by its dotted path in the request (`employer.creditCode`, `claimants.0.idNumber`). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * An error the caller can act on. The problem-details filter answers any Error whose `code` is in
 * PROBLEM_TYPES with that code's status, so domain libraries may also declare their own classes
 * with a `code` (as ConcurrencyError does) instead of depending on this HTTP library.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class ValidationFailedError extends DomainError {
  constructor(
    readonly errors: FieldError[],
    message = errors.length === 1 ? `${errors[0].field || 'request'}: ${errors[0].message}` : `${errors.length} fields are invalid`,
  ) {
    super('validation_failed', message);
    this.name = 'ValidationFailedError';
  }
}
