import { diag } from '../diagnostics/catalog.ts';
import { binary, unary } from './build.ts';
import { cstDayNumber, cstParts, toEpochMs } from './dates.ts';
import { MISSING, readPath } from './path.ts';
import { compilePattern } from './regex.ts';
import type { BuildArgs, Ev, OpSpec } from './types.ts';
import { at, costExceeded } from './types.ts';

/** Whole UTC+8 calendar days from `a` to `b` (ISO strings or epoch ms); null when either is invalid. */
export function daysBetween(a: unknown, b: unknown): number | null {
  const x = toEpochMs(a);
  const y = toEpochMs(b);
  return x === null || y === null ? null : cstDayNumber(y) - cstDayNumber(x);
}

/** The UTC+8 calendar date (`YYYY-MM-DD`) of an ISO string or epoch ms (e.g. `event.at`); null when invalid. */
export function dateOf(a: unknown): string | null {
  const x = toEpochMs(a);
  if (x === null) return null;
  const p = cstParts(x);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Whole minutes from `a` to `b` (ISO strings or epoch ms); null when either is invalid (e.g. from acceptance to an appointment). */
export function minutesBetween(a: unknown, b: unknown): number | null {
  const x = toEpochMs(a);
  const y = toEpochMs(b);
  return x === null || y === null ? null : Math.floor((y - x) / 60_000);
}

function buildMatches(a: BuildArgs): Ev | undefined {
  const res = compilePattern(a.raw[1], a.raw[2]);
  if (!res.ok) {
    const code = res.problem === 'nested-quantifier' || res.problem === 'backreference' ? 'expr.unsafe-regex' : res.problem === 'unsupported' ? 'expr.unsupported-regex' : 'expr.bad-regex';
    const where = res.problem === 'bad-flags' ? 2 : 1;
    const details: Record<string, unknown> = { reason: res.problem, pattern: String(a.raw[1]) };
    if (res.message !== undefined) details.message = res.message;
    a.st.diagnostics.push(diag(code, a.argPath(where), details));
    return undefined;
  }
  const { re } = res;
  const value = at(a.ev, 0);
  const cap = a.st.limits.maxValueSize;
  return (d, c) => {
    const v = value(d, c);
    const s = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
    if (s === null) return false;
    if (s.length > cap) costExceeded();
    return re.test(s);
  };
}

const ROLES_PATH = ['actor', 'roles'];

function buildHasRole(a: BuildArgs): Ev {
  a.st.addVar('actor.roles', true);
  const role = at(a.ev, 0);
  return (d, c) => {
    const r = role(d, c);
    const roles = readPath(c.root, ROLES_PATH);
    return typeof r === 'string' && roles !== MISSING && Array.isArray(roles) && roles.includes(r);
  };
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * `{"record": ["userId", {"var": "actor.userId"}, "at", {"var": "event.at"}]}`: a record from literal
 * keys and computed values, so a transition can append an entry to a list (`merge`), e.g. a
 * responder and the time they accepted. Keys are literal strings (never computed, never prototype names).
 */
function buildRecord(a: BuildArgs): Ev | undefined {
  const keys: string[] = [];
  for (let i = 0; i < a.raw.length; i += 2) {
    const k = a.raw[i];
    if (typeof k !== 'string' || !/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(k) || FORBIDDEN_KEYS.has(k) || i + 1 >= a.raw.length) {
      a.st.diagnostics.push(diag('expr.bad-shape', a.argPath(i), { reason: 'record takes "key", value pairs with literal keys' }));
      return undefined;
    }
    keys.push(k);
  }
  return (d, c) => Object.fromEntries(keys.map((k, j) => [k, at(a.ev, 2 * j + 1)(d, c) ?? null]));
}

const toRad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres between two WGS84 / CGCS2000 points (haversine); null unless all four are numbers in range. */
export function distanceMeters(lat1: unknown, lng1: unknown, lat2: unknown, lng2: unknown): number | null {
  const v = [lat1, lng1, lat2, lng2];
  if (!v.every((x) => typeof x === 'number' && Number.isFinite(x))) return null;
  const [p1, l1, p2, l2] = v as number[];
  if (Math.abs(p1!) > 90 || Math.abs(p2!) > 90 || Math.abs(l1!) > 180 || Math.abs(l2!) > 180) return null;
  const h = Math.sin(toRad(p2! - p1!) / 2) ** 2 + Math.cos(toRad(p1!)) * Math.cos(toRad(p2!)) * Math.sin(toRad(l2! - l1!) / 2) ** 2;
  return Math.round(2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h))));
}

function buildDistance(a: BuildArgs): Ev {
  const [p1, l1, p2, l2] = [0, 1, 2, 3].map((i) => at(a.ev, i));
  return (d, c) => distanceMeters(p1!(d, c), l1!(d, c), p2!(d, c), l2!(d, c));
}

/** A list without every element equal to `value` (a volunteer taken off a roster); [] when it is no list. */
export function without(xs: unknown, value: unknown): unknown[] {
  return Array.isArray(xs) ? xs.filter((x) => x !== value) : [];
}

/** Tongban extras: `count` lives with the array operators; these are dates, patterns, roles, records, distances and `without`. */
export const extraOps: Record<string, OpSpec> = {
  daysBetween: { min: 2, max: 2, build: binary(daysBetween) },
  dateOf: { min: 1, max: 1, build: unary(dateOf) },
  minutesBetween: { min: 2, max: 2, build: binary(minutesBetween) },
  matches: { min: 2, max: 3, build: buildMatches },
  hasRole: { min: 1, max: 1, build: buildHasRole },
  record: { min: 2, max: 40, build: buildRecord },
  distanceMeters: { min: 4, max: 4, build: buildDistance },
  without: { min: 2, max: 2, build: binary(without) },
};

