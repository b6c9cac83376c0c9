/**
 * Structural checks of a parsed JSON body before schema validation (issue 7.7): a bounded depth
 * (a value nested 30,000 levels deep would otherwise reach recursive code), no `__proto__`,
 * `constructor` or `prototype` keys at any depth (they reach object prototypes in code that
 * merges data), and no control characters in strings or keys: NUL and the other C0 controls but
 * tab and line breaks, DEL, and the bidirectional overrides and isolates that make `发票‮fdp.exe`
 * display as `发票exe.pdf`. Iterative, so depth itself cannot overflow the stack here.
 */
import { InvalidRequestError } from '../errors/DomainError.ts';

/** Deepest nesting a body may have (case data in practice stays under 10). */
export const MAX_DEPTH = 64;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

/** True when a string holds a character refused in text (a name, a comment, case data). */
export const hasControlCharacters = (s: string): boolean => CONTROL.test(s);

const pointer = (base: string, key: string | number) => `${base}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** Throws request.too-deep, request.forbidden-key or request.control-characters with the JSON path of the first problem. */
export function checkJsonBody(body: unknown, base = '/body'): void {
  const stack: Array<[unknown, string, number]> = [[body, base, 0]];
  while (stack.length) {
    const [v, path, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (CONTROL.test(v)) throw new InvalidRequestError('request.control-characters', { path });
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    if (depth >= MAX_DEPTH) throw new InvalidRequestError('request.too-deep', { path, maxDepth: MAX_DEPTH });
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], pointer(path, i), depth + 1]);
      continue;
    }
    for (const key of Object.keys(v)) {
      const at = pointer(path, key);
      if (FORBIDDEN_KEYS.has(key)) throw new InvalidRequestError('request.forbidden-key', { path: at, key });
      if (CONTROL.test(key)) throw new InvalidRequestError('request.control-characters', { path: at });
      stack.push([(v as Record<string, unknown>)[key], at, depth + 1]);
    }
  }
}
