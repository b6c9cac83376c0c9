/** Which local days are working days: national data, then county closures and extra workdays. */
import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { parseLocalDate, weekdayOf, yearOfDay } from './localDate.ts';
import type { CountyCalendarConfig, NationalYear } from './types.ts';

/** Answers "is this day a working day?" and remembers years it had to guess. */
export interface DayRules {
  /** True if the day number is a working day. */
  isWorkingDay(day: number): boolean;
  /** Years that were consulted without national data, ascending. */
  unknownYears(): number[];
}

/** Day numbers of a list of dates; invalid dates were reported by validation and are skipped here. */
function daySet(dates: readonly string[] | undefined): Set<number> {
  const out = new Set<number>();
  for (const d of dates ?? []) {
    const day = parseLocalDate(d);
    if (day !== undefined) out.add(day);
  }
  return out;
}

/** National overrides per day: false for a holiday, true for a 调休 make-up workday. */
function nationalOverrides(years: readonly NationalYear[]): Map<number, boolean> {
  const out = new Map<number, boolean>();
  for (const y of years) {
    for (const m of y.makeUpWorkdays) {
      const day = parseLocalDate(m.date);
      if (day !== undefined) out.set(day, true);
    }
  }
  // Holidays are written last so that, on contradictory data, a day off wins.
  for (const y of years) {
    for (const h of y.holidays) {
      const from = parseLocalDate(h.from);
      const to = parseLocalDate(h.to);
      if (from === undefined || to === undefined) continue;
      for (let day = from; day <= to; day++) out.set(day, false);
    }
  }
  return out;
}

/** Builds the day rules. A county closure beats everything; then extra workdays; then national data; then Mon–Fri. */
export function createDayRules(config: CountyCalendarConfig, years: readonly NationalYear[]): DayRules {
  const overrides = nationalOverrides(years);
  const known = new Set(years.map((y) => y.year));
  const closures = daySet(config.localClosures);
  const extra = daySet(config.extraWorkdays);
  const missing = new Set<number>();
  return {
    isWorkingDay(day) {
      if (closures.has(day)) return false;
      if (extra.has(day)) return true;
      const national = overrides.get(day);
      if (national !== undefined) return national;
      const year = yearOfDay(day);
      if (!known.has(year)) missing.add(year);
      const weekday = weekdayOf(day);
      return weekday !== 0 && weekday !== 6;
    },
    unknownYears: () => [...missing].sort((a, b) => a - b),
  };
}

/** One `calendar.unknown-year` warning per year, for the runtime to show the admin. */
export function unknownYearWarnings(years: readonly number[], path = ''): Diagnostic[] {
  return years.map((year) => diag('calendar.unknown-year', path, { year }));
}
