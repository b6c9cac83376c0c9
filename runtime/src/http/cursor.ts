/** Opaque keyset cursors: the sort key of the last row, base64url JSON. */
import { InvalidRequestError } from '../errors/DomainError.ts';

/** Encodes a cursor. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor of `n` scalar parts, or throws request.invalid. */
export function decodeCursor(cursor: string | undefined, n: number): Array<string | number> | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v as Array<string | number>;
  } catch { /* fall through */ }
  throw new InvalidRequestError('request.invalid', { errors: [{ path: '/query/cursor', message: 'bad cursor' }] });
}
