/**
 * The runtime's errors, transport-neutral (as Backstage's `@backstage/errors`): a class per kind of
 * failure, each taking only the catalogue codes of its kind. The domain throws these; the HTTP
 * layer maps the kind to a status in one place (`http/httpErrors.ts`), the timer runner and the
 * CLI read the code (and, for a refused event, the engine's diagnostics).
 */
import type { Diagnostic } from '@tongban/engine';
import { errorCatalog, type CodeOfKind, type ErrorCode, type ErrorKind } from './errorCatalog.ts';

/** Any coded runtime error. `details` go to the caller (never personal data, never secrets). */
export class DomainError<C extends ErrorCode = ErrorCode> extends Error {
  readonly kind: ErrorKind;
  constructor(readonly code: C, readonly details: Record<string, unknown> = {}) {
    super(errorCatalog[code].zh);
    this.name = new.target.name;
    this.kind = errorCatalog[code].kind;
  }
}

/** The request is malformed. */
export class InvalidRequestError extends DomainError<CodeOfKind<'invalid'>> {}
/** Nobody (valid) is signed in. */
export class NotAuthenticatedError extends DomainError<CodeOfKind<'unauthenticated'>> {}
/** Signed in, not allowed. */
export class ForbiddenError extends DomainError<CodeOfKind<'forbidden'>> {}
/** No such thing, or not visible to the caller. */
export class NotFoundError extends DomainError<CodeOfKind<'not-found'>> {}
/** Changed meanwhile, or in a state that forbids the change. */
export class ConflictError extends DomainError<CodeOfKind<'conflict'>> {}
/** Well-formed, but refused by the domain. */
export class RefusedError extends DomainError<CodeOfKind<'refused'>> {}
/** Too big. */
export class TooLargeError extends DomainError<CodeOfKind<'too-large'>> {}
/** A type or encoding we do not take. */
export class UnsupportedError extends DomainError<CodeOfKind<'unsupported'>> {}
/** Temporarily locked. */
export class LockedError extends DomainError<CodeOfKind<'locked'>> {}
/** Too often. */
export class RateLimitedError extends DomainError<CodeOfKind<'rate-limited'>> {}
/** Our fault. */
export class InternalError extends DomainError<CodeOfKind<'internal'>> {}

/**
 * The engine refused an event: the code says how the API reports it, `diagnostics` say exactly
 * why (stable engine codes such as `run.unknown-timer`, which the timer runner classifies by).
 */
export class EventRefusedError extends DomainError {
  constructor(code: ErrorCode, readonly diagnostics: Diagnostic[]) {
    super(code, { diagnostics: diagnostics.map((d) => ({ code: d.code, path: d.path, message: d.message })) });
  }
}

const classes: { [K in ErrorKind]: new (code: CodeOfKind<K>, details?: Record<string, unknown>) => DomainError } = {
  invalid: InvalidRequestError, unauthenticated: NotAuthenticatedError, forbidden: ForbiddenError, 'not-found': NotFoundError,
  conflict: ConflictError, refused: RefusedError, 'too-large': TooLargeError, unsupported: UnsupportedError, locked: LockedError,
  'rate-limited': RateLimitedError, internal: InternalError,
};

/** The error of a code whose kind is known only at run time (a token check, a mapped engine code). */
export function errorFor(code: ErrorCode, details?: Record<string, unknown>): DomainError {
  const Cls = classes[errorCatalog[code].kind] as new (code: ErrorCode, details?: Record<string, unknown>) => DomainError;
  return new Cls(code, details);
}
