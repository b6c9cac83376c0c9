/** Property names no expression may read, at any depth. */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

/** Marker for "the path does not resolve". */
export const MISSING: unique symbol = Symbol('missing');

const hasOwn = Object.prototype.hasOwnProperty;

/** Splits a JSONLogic `var` path ("a.b.0") into segments; the empty path has none. */
export function splitPath(path: string): string[] {
  return path === '' ? [] : path.split('.');
}

/** The first forbidden segment of a path, if any. */
export function forbiddenSegment(segments: readonly string[]): string | undefined {
  return segments.find((s) => FORBIDDEN_SEGMENTS.has(s));
}

/**
 * Reads a path through own properties only (objects, arrays, strings).
 * Functions, inherited properties and `undefined` values do not resolve.
 */
export function readPath(data: unknown, segments: readonly string[]): unknown {
  let cur = data;
  for (let i = 0; i < segments.length; i++) {
    const key = segments[i] as string;
    const t = typeof cur;
    if (cur === null || (t !== 'object' && t !== 'string')) return MISSING;
    if (!hasOwn.call(cur, key)) return MISSING;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur === undefined || typeof cur === 'function' ? MISSING : cur;
}
