import { binary, variadic } from './build.ts';
import { toNum, toStr } from './coerce.ts';
import type { BuildArgs, Ev, OpSpec } from './types.ts';
import { at, costExceeded } from './types.ts';

/** `in`: substring test for strings, strict membership for arrays, else false. */
function inOp(a: unknown, b: unknown): boolean {
  if (typeof b === 'string') return b.includes(toStr(a));
  return Array.isArray(b) ? b.indexOf(a) !== -1 : false;
}

function toInt(v: unknown): number {
  const n = Math.trunc(toNum(v));
  return Number.isNaN(n) ? 0 : n;
}

/** `String.prototype.substr(start, length)`, with a negative length trimming from the end. */
export function substr(source: unknown, start: unknown, len?: unknown): string {
  const s = toStr(source);
  let from = toInt(start);
  if (from < 0) from = Math.max(s.length + from, 0);
  from = Math.min(from, s.length);
  if (len === undefined) return s.slice(from);
  const n = toInt(len);
  return n < 0 ? s.slice(from, Math.max(s.length + n, from)) : s.slice(from, from + n);
}

function buildSubstr({ ev }: BuildArgs): Ev {
  const [s, st] = [at(ev, 0), at(ev, 1)];
  if (ev.length === 2) return (d, c) => substr(s(d, c), st(d, c));
  const n = at(ev, 2);
  return (d, c) => substr(s(d, c), st(d, c), n(d, c));
}

/** `cat` and `merge`, capped at `maxValueSize` characters / elements. */
function buildCapped(kind: 'cat' | 'merge'): OpSpec['build'] {
  return (a) => {
    const cap = a.st.limits.maxValueSize;
    return variadic(kind === 'cat' ? (xs) => cat(xs, cap) : (xs) => merge(xs, cap))(a);
  };
}

function cat(xs: unknown[], cap: number): string {
  let out = '';
  for (const x of xs) {
    out += toStr(x);
    if (out.length > cap) costExceeded();
  }
  return out;
}

function merge(xs: unknown[], cap: number): unknown[] {
  const out: unknown[] = [];
  for (const x of xs) {
    if (!Array.isArray(x)) out.push(x);
    else if (out.length + x.length > cap) costExceeded();
    else for (const y of x) out.push(y);
  }
  return out;
}

/** String and array-building operators. */
export const stringOps: Record<string, OpSpec> = {
  in: { min: 2, max: 2, build: binary(inOp) },
  cat: { min: 0, max: Infinity, build: buildCapped('cat') },
  substr: { min: 2, max: 3, build: buildSubstr },
  merge: { min: 0, max: Infinity, build: buildCapped('merge') },
};
