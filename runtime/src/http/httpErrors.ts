/**
 * The one place where the runtime's transport-neutral errors meet HTTP: a status per error kind,
 * and the JSON body `{ error: { code, message, details } }` (message in zh-CN, or English with
 * `Accept-Language: en`; the English text is always in `details.en`).
 */
import { DomainError } from '../errors/DomainError.ts';
import { errorCatalog, type ErrorCode, type ErrorKind } from '../errors/errorCatalog.ts';

/** HTTP status per kind of failure. */
export const httpStatusOf: Record<ErrorKind, number> = {
  invalid: 400, unauthenticated: 401, forbidden: 403, 'not-found': 404, conflict: 409, refused: 422,
  'too-large': 413, unsupported: 415, locked: 423, 'rate-limited': 429, internal: 500,
};

/** The status of an error code (for the OpenAPI catalogue). */
export function statusOfCode(code: ErrorCode): number {
  return httpStatusOf[errorCatalog[code].kind];
}

/** The status an error answers with. */
export function statusOf(err: DomainError): number {
  return httpStatusOf[err.kind];
}

/** The JSON error body, zh-CN message first, English in details (or as message for `en`). */
export function errorBody(err: DomainError, lang: 'zh-CN' | 'en' = 'zh-CN'): { error: { code: string; message: string; details: Record<string, unknown> } } {
  const entry = errorCatalog[err.code];
  const message = lang === 'en' ? entry.en : entry.zh;
  return { error: { code: err.code, message, details: { en: entry.en, ...err.details } } };
}
