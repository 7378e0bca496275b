/**
 * Expected failures. Each kind maps to one HTTP status in the platform's exception filter,
 * so domain code never needs to know about HTTP.
 */
export type DomainErrorKind = 'validation' | 'not-found' | 'conflict' | 'forbidden' | 'unprocessable' | 'too-large';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  /** The input field the error is about, when there is one. */
  readonly field?: string;

  constructor(message: string, field?: string) {
    super(message);
    this.name = new.target.name;
    this.field = field;
  }
}

export class ValidationError extends DomainError {
  readonly kind = 'validation' as const;
}

export class NotFoundError extends DomainError {
  readonly kind = 'not-found' as const;
  constructor(entity: string, id: string) {
    super(`${entity} ${id} was not found`);
  }
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict' as const;
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden' as const;
}

export class UnprocessableError extends DomainError {
  readonly kind = 'unprocessable' as const;
}

export class TooLargeError extends DomainError {
  readonly kind = 'too-large' as const;
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
