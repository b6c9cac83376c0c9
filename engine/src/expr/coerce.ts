/**
 * JavaScript-like coercions that never call methods on the data
 * (no user `toString`/`valueOf`, safe on null-prototype objects).
 */

const MAX_JOIN_DEPTH = 32;

function arrayToStr(a: readonly unknown[], depth: number): string {
  if (depth > MAX_JOIN_DEPTH) return '';
  let out = '';
  for (let i = 0; i < a.length; i++) {
    if (i > 0) out += ',';
    const v = a[i];
    if (v === null || v === undefined) continue;
    out += Array.isArray(v) ? arrayToStr(v, depth + 1) : toStr(v);
  }
  return out;
}

/** `String(v)` semantics without invoking methods of the value. */
export function toStr(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(v);
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return v.toString();
    case 'function':
      return '[object Function]';
    default:
      if (v === null) return 'null';
      return Array.isArray(v) ? arrayToStr(v, 0) : '[object Object]';
  }
}

/** `Number(v)` semantics without invoking methods of the value. */
export function toNum(v: unknown): number {
  switch (typeof v) {
    case 'number':
      return v;
    case 'string':
      return Number(v);
    case 'boolean':
      return v ? 1 : 0;
    case 'object':
      if (v === null) return 0;
      return Array.isArray(v) ? Number(arrayToStr(v, 0)) : NaN;
    default:
      return NaN;
  }
}

/** `parseFloat(v)` semantics (used by `+` and `*`, as in json-logic-js). */
export function toFloat(v: unknown): number {
  return typeof v === 'number' ? v : parseFloat(toStr(v));
}

/** ToPrimitive: arrays and objects become their string form; primitives stay. */
export function toPrim(v: unknown): unknown {
  return (typeof v === 'object' && v !== null) || typeof v === 'function' ? toStr(v) : v;
}

/** Finite numbers pass; NaN and ±Infinity become null (JSON has neither). */
export function fin(n: number): number | null {
  return Number.isFinite(n) ? n : null;
}

/** JavaScript `==` (IsLooselyEqual) without invoking methods of the values. */
export function looseEq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined) return b === null || b === undefined;
  if (b === null || b === undefined) return false;
  const ta = typeof a;
  const tb = typeof b;
  if (ta === tb) return false;
  if (ta === 'boolean') return looseEq(a ? 1 : 0, b);
  if (tb === 'boolean') return looseEq(a, b ? 1 : 0);
  if (ta === 'object' || ta === 'function') return looseEq(toPrim(a), b);
  if (tb === 'object' || tb === 'function') return looseEq(a, toPrim(b));
  if (ta === 'number' && tb === 'string') return a === toNum(b);
  if (ta === 'string' && tb === 'number') return toNum(a) === b;
  return false;
}

/** JavaScript `a < b`. */
export function lt(a: unknown, b: unknown): boolean {
  const pa = toPrim(a);
  const pb = toPrim(b);
  if (typeof pa === 'string' && typeof pb === 'string') return pa < pb;
  return toNum(pa) < toNum(pb);
}

/** JavaScript `a <= b`. */
export function le(a: unknown, b: unknown): boolean {
  const pa = toPrim(a);
  const pb = toPrim(b);
  if (typeof pa === 'string' && typeof pb === 'string') return pa <= pb;
  return toNum(pa) <= toNum(pb);
}
