/**
 * Monthly dates on the county calendar: day N of each month, or its Nth working day (the first
 * working day after a Spring Festival holiday is not the 1st). Used by recurring schedules, which
 * count every occurrence from the calendar, never from the previous firing, so they never drift.
 */
import { civilToMs, DAY_MS, daysInMonth, type LocalFrame } from './localDate.ts';
import type { DayRules } from './dayRules.ts';
import type { Interval } from './types.ts';

/** Which day of a month: a calendar day (1–28) or the Nth working day (1–23). */
export type MonthlyRule = { day: number } | { workingDay: number };

/** The local day number of day `dom` of a month, or undefined when the month has no such (working) day. */
function dayIn(rules: DayRules, year: number, month0: number, rule: MonthlyRule): number | undefined {
  const first = civilToMs(year, month0, 1) / DAY_MS;
  const days = daysInMonth(year, month0);
  if ('day' in rule) return rule.day <= days ? first + rule.day - 1 : undefined;
  let seen = 0;
  for (let d = 0; d < days; d++) if (rules.isWorkingDay(first + d) && ++seen === rule.workingDay) return first + d;
  return undefined;
}

/** The first occurrence strictly after `after`, at the start of office hours that day (at most 36 months ahead). */
export function nextMonthly(frame: LocalFrame, rules: DayRules, periods: readonly Interval[], after: number, rule: MonthlyRule): number | undefined {
  const today = new Date(frame.dayOf(after) * DAY_MS);
  const opening = periods[0]?.from ?? 0;
  for (let i = 0; i < 36; i++) {
    const year = today.getUTCFullYear() + Math.floor((today.getUTCMonth() + i) / 12);
    const month0 = (today.getUTCMonth() + i) % 12;
    const day = dayIn(rules, year, month0, rule);
    if (day === undefined) continue;
    const at = frame.dayStart(day) + opening;
    if (at > after) return at;
  }
  return undefined;
}
