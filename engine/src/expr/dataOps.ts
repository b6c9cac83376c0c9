import { diag } from '../diagnostics/catalog.ts';
import { toNum, toStr } from './coerce.ts';
import { MISSING, forbiddenSegment, readPath, splitPath } from './path.ts';
import type { BuildArgs, Ev, OpSpec } from './types.ts';
import { at } from './types.ts';

/** True for values `var` accepts as a literal path. */
function isLiteralPath(v: unknown): v is string | number | null {
  return typeof v === 'string' || typeof v === 'number' || v === null;
}

/** Checks and records a literal path; false when it is forbidden (diagnostic added). */
function acceptPath(a: BuildArgs, p: string, argIndex: number, record = true): boolean {
  const bad = forbiddenSegment(splitPath(p));
  if (bad !== undefined) {
    a.st.diagnostics.push(diag('expr.forbidden-path', a.argPath(argIndex), { path: p, segment: bad }));
    return false;
  }
  if (record && p !== '') a.st.addVar(p);
  return true;
}

/** Resolves a dynamic path at run time; forbidden segments simply do not resolve. */
function readDynamic(data: unknown, p: unknown): unknown {
  if (p === undefined || p === null || p === '') return data;
  const segs = splitPath(toStr(p));
  return forbiddenSegment(segs) === undefined ? readPath(data, segs) : MISSING;
}

function buildVar(a: BuildArgs): Ev | undefined {
  const dflt = a.ev.length > 1 ? at(a.ev, 1) : (): null => null;
  const raw0 = a.raw[0];
  if (a.ev.length === 0 || raw0 === undefined) return (d) => d;
  if (!isLiteralPath(raw0)) {
    const pe = at(a.ev, 0);
    return (d, c) => {
      const v = readDynamic(d, pe(d, c));
      return v === MISSING ? dflt(d, c) : v;
    };
  }
  const p = raw0 === null ? '' : String(raw0);
  if (!acceptPath(a, p, 0)) return undefined;
  const segs = splitPath(p);
  if (segs.length === 0) return (d) => d;
  return (d, c) => {
    const v = readPath(d, segs);
    return v === MISSING ? dflt(d, c) : v;
  };
}

/** The keys among `keys` whose value is absent, null or "". */
function missingKeys(data: unknown, keys: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const k of keys) {
    const v = readDynamic(data, k);
    if (v === MISSING || v === null || v === '') out.push(k);
  }
  return out;
}

function recordLiteralKeys(a: BuildArgs, keys: unknown, argIndex: number): boolean {
  if (!Array.isArray(keys)) return true;
  let ok = true;
  keys.forEach((k, i) => {
    if (typeof k !== 'string' && typeof k !== 'number') return;
    const bad = forbiddenSegment(splitPath(String(k)));
    if (bad === undefined) {
      if (String(k) !== '') a.st.addVar(String(k));
      return;
    }
    ok = false;
    a.st.diagnostics.push(diag('expr.forbidden-path', `${a.argPath(argIndex)}/${i}`, { path: String(k), segment: bad }));
  });
  return ok;
}

function buildMissing(a: BuildArgs): Ev | undefined {
  const literal = a.raw.every((k) => typeof k === 'string' || typeof k === 'number');
  if (literal && !a.raw.every((k, i) => acceptPath(a, String(k), i))) return undefined;
  if (a.raw.length === 1 && !recordLiteralKeys(a, a.raw[0], 0)) return undefined;
  const ev = a.ev;
  return (d, c) => {
    const first = ev.length > 0 ? at(ev, 0)(d, c) : undefined;
    const keys = Array.isArray(first) ? first : ev.map((e) => e(d, c));
    return missingKeys(d, keys);
  };
}

function missingSome(d: unknown, need: unknown, options: unknown): unknown[] {
  const keys = Array.isArray(options) ? options : [options];
  const missing = missingKeys(d, keys);
  return keys.length - missing.length >= toNum(need) ? [] : missing;
}

function buildMissingSome(a: BuildArgs): Ev | undefined {
  if (!recordLiteralKeys(a, a.raw[1], 1)) return undefined;
  const need = at(a.ev, 0);
  const opts = at(a.ev, 1);
  return (d, c) => missingSome(d, need(d, c), opts(d, c));
}

/** Data-access operators: `var`, `missing`, `missing_some`. */
export const dataOps: Record<string, OpSpec> = {
  var: { min: 0, max: 2, build: buildVar },
  missing: { min: 0, max: Infinity, build: buildMissing },
  missing_some: { min: 2, max: 2, build: buildMissingSome },
};
