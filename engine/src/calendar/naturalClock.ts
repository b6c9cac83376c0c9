/** The 24x7 clocks (`natural`, `urgent`): plain ms arithmetic, with calendar months in local time. */
import { civilToMs, DAY_MS, daysInMonth } from './localDate.ts';
import { timePartMs } from './parseDuration.ts';
import type { DurationParts } from './types.ts';

/**
 * Adds whole calendar months in local time, keeping the local clock time; the day is clamped to
 * the month's end (01-31 + P1M = 02-28/29), as Temporal's default "constrain" does.
 */
export function addCalendarMonths(t: number, months: number, offsetMs: number): number {
  const local = new Date(t + offsetMs);
  const year = local.getUTCFullYear();
  const month0 = local.getUTCMonth();
  const timeOfDay = t + offsetMs - civilToMs(year, month0, local.getUTCDate());
  const total = year * 12 + month0 + months;
  const newYear = Math.floor(total / 12);
  const newMonth0 = total - newYear * 12;
  const day = Math.min(local.getUTCDate(), daysInMonth(newYear, newMonth0));
  return civilToMs(newYear, newMonth0, day) + timeOfDay - offsetMs;
}

/** Adds a duration on a 24x7 clock: years and months first (calendar), then weeks, days and time (fixed lengths). */
export function addNatural(start: number, v: DurationParts, offsetMs: number): number {
  const months = v.years * 12 + v.months;
  const base = months > 0 ? addCalendarMonths(start, months, offsetMs) : start;
  return base + (v.weeks * 7 + v.days) * DAY_MS + timePartMs(v);
}
