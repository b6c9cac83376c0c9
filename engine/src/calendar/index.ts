/**
 * Calendar: deadline arithmetic for SLAs on three clocks, pure (epoch ms in, epoch ms out;
 * local time from a fixed UTC offset, never the host clock or time zone).
 *
 * Clocks
 * - `natural` and `urgent` (紧急工作时): 24x7 and identical; the county calendar is ignored.
 *   Days and weeks are fixed 24 h / 7 d; years and months are calendar months in local time,
 *   clamped to the month's end (01-31 + P1M = 02-28). Months and years apply first.
 * - `working` (工作时 / 工作日): only office hours on working days count.
 *
 * Working days: a local closure is never a working day; a county extra workday always is;
 * otherwise a national holiday is not and a 调休 make-up workday is; otherwise Monday–Friday.
 * A year without national data counts Monday–Friday and is listed by `unknownYears()`, so the
 * runtime can warn the admin (`unknownYearWarnings` gives the `calendar.unknown-year` diagnostics).
 *
 * Working-clock durations
 * - Office periods are half-open [start, end). A start outside them is first moved forward to
 *   the next working instant (Friday 18:00 → Monday 08:30).
 * - Days and weeks count working days (a week is 5 working days): the due time is the same local
 *   clock time on the Nth following working day (Mon 16:00 + P1D → Tue 16:00).
 * - Then hours, minutes and seconds count office time (Mon 11:00 + PT2H → Mon 15:00 with
 *   08:30–12:00, 14:00–17:30). P1DT4H applies the day first, then the hours.
 * - The due instant is the earliest one at which the time has elapsed, so a deadline that uses
 *   up a morning falls at 12:00, not 14:00; PT0S (or 0 ms) returns the start unchanged.
 * - Months and years are refused (`calendar.unsupported-duration`), as are fractional days.
 *
 * Limits: durations up to 3660 days, `elapsed` spans up to 36600 days, and at most 366
 * consecutive days without a working day; beyond them a coded EngineError is thrown instead
 * of looping. `elapsed` returns 0 when `to <= from` and subtracts the merged pause intervals.
 * `fractionPoint` gives the instant for the 2/3 预警 as `addMs(start, fraction × elapsed(start, due))`.
 */
export { Clock } from './types.ts';
export type {
  CalendarSource,
  CountyCalendarConfig,
  DurationParts,
  Interval,
  NationalYear,
  WorkCalendar,
} from './types.ts';
export { createWorkCalendar } from './createWorkCalendar.ts';
export { unknownYearWarnings } from './dayRules.ts';
export { parseDuration, type ParseDurationResult } from './parseDuration.ts';
export { validateCalendarConfig } from './validateCalendarConfig.ts';
export { validateNationalYear, validateNationalYears } from './validateNationalYear.ts';
export { MAX_DURATION_DAYS, MAX_IDLE_DAYS, MAX_SPAN_DAYS } from './limits.ts';
