/** ISO 8601 duration parsing (PnYnMnWnDTnHnMnS), with coded diagnostics instead of throws. */
import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { MAX_DURATION_DAYS } from './limits.ts';
import type { DurationParts } from './types.ts';

/** The outcome of parsing: the parts, or the reason they could not be read. */
export type ParseDurationResult = { ok: true; value: DurationParts } | { ok: false; diagnostic: Diagnostic };

const N = '(\\d+(?:[.,]\\d+)?)';
const DURATION_RE = new RegExp(`^P(?:${N}Y)?(?:${N}M)?(?:${N}W)?(?:${N}D)?(?:T(?:${N}H)?(?:${N}M)?(?:${N}S)?)?$`);
/** Index of the first time component (hours) among the regex groups Y, M, W, D, H, M, S. */
const FIRST_TIME_KEY = 4;
/** Longer strings are typos or abuse; the longest sensible duration is far shorter. */
const MAX_LENGTH = 64;

/** Upper bound of a duration in days (months as 31, years as 366), used only for the size limit. */
export function approxDays(v: DurationParts): number {
  return v.years * 366 + v.months * 31 + v.weeks * 7 + v.days + v.hours / 24 + v.minutes / 1440 + v.seconds / 86_400;
}

/** The hours, minutes and seconds of a duration in whole milliseconds. */
export function timePartMs(v: DurationParts): number {
  return Math.round(v.hours * 3_600_000 + v.minutes * 60_000 + v.seconds * 1000);
}

/** Parses an ISO 8601 duration such as PT2H, PT1.5H, P5D or P1DT4H; `path` locates it in a definition. */
export function parseDuration(iso: string, path = ''): ParseDurationResult {
  const fail = (code: string): ParseDurationResult => ({
    ok: false,
    diagnostic: diag(code, path, { duration: String(iso), maxDays: MAX_DURATION_DAYS }),
  });
  if (typeof iso !== 'string' || iso.length > MAX_LENGTH) return fail('calendar.bad-duration');
  const m = DURATION_RE.exec(iso);
  // The regex makes every part optional, so "P", "PT" and "P1DT" must be refused here.
  if (!m || iso === 'P' || iso.endsWith('T')) return fail('calendar.bad-duration');
  const groups = m.slice(1);
  const present = groups.flatMap((g, i) => (g === undefined ? [] : [i]));
  const last = present[present.length - 1] ?? -1;
  for (const i of present) {
    if (!/[.,]/.test(groups[i] ?? '')) continue;
    // ISO 8601 allows a fraction only on the smallest unit given.
    if (i !== last) return fail('calendar.bad-duration');
    // A fractional working day has no agreed meaning, so date parts stay whole.
    if (i < FIRST_TIME_KEY) return fail('calendar.fractional-date-part');
  }
  const n = (i: number): number => Number((groups[i] ?? '0').replace(',', '.'));
  const value: DurationParts = { years: n(0), months: n(1), weeks: n(2), days: n(3), hours: n(4), minutes: n(5), seconds: n(6) };
  if (!(approxDays(value) <= MAX_DURATION_DAYS)) return fail('calendar.duration-too-long');
  return { ok: true, value };
}
