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

/** Tongban extras: `count` lives with the array operators; these are dates, patterns and roles. */
export const extraOps: Record<string, OpSpec> = {
  daysBetween: { min: 2, max: 2, build: binary(daysBetween) },
  dateOf: { min: 1, max: 1, build: unary(dateOf) },
  matches: { min: 2, max: 3, build: buildMatches },
  hasRole: { min: 1, max: 1, build: buildHasRole },
};

