import type { DomainErrorCode } from './error-codes';

/**
 * Errors the rules raise. Each has a stable `code` for programs, a Chinese `message` for people and,
 * where one input is at fault, the `field`. The HTTP layer maps `kind` to a status in one place.
 */
export type ErrorKind =
  | 'invalid' // 400: the input breaks a rule
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'notFound' // 404
  | 'conflict' // 409: the state does not allow it (duplicate, wrong state)
  | 'tooLarge' // 413
  | 'unsupportedType' // 415
  | 'unprocessable' // 422: well-formed but cannot be carried out
  | 'locked' // 423
  | 'tooMany'; // 429

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: DomainErrorCode, message: string, field?: string) =>
  new DomainError('invalid', code, message, field);
export const notFound = (code: DomainErrorCode, message: string) =>
  new DomainError('notFound', code, message);
export const conflict = (code: DomainErrorCode, message: string, field?: string) =>
  new DomainError('conflict', code, message, field);
