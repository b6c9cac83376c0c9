import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  civilToMs,
  createLocalFrame,
  DAY_MS,
  daysInMonth,
  formatLocalDate,
  parseClockTime,
  parseLocalDate,
  weekdayOf,
  yearOfDay,
} from './localDate.ts';

describe('local dates', () => {
  it('parses real dates and refuses impossible ones', () => {
    expect(parseLocalDate('1970-01-01')).toBe(0);
    expect(parseLocalDate('2024-02-29')).toBeTypeOf('number');
    for (const bad of ['2025-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-1-01', '25-01-01', '', 20250101]) {
      expect(parseLocalDate(bad)).toBeUndefined();
    }
  });

  it('round-trips day numbers through YYYY-MM-DD', () => {
    fc.assert(
      fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (day) => {
        expect(parseLocalDate(formatLocalDate(day))).toBe(day);
      }),
    );
  });

  it('knows weekdays and years', () => {
    const day = (s: string) => parseLocalDate(s) ?? NaN;
    expect(weekdayOf(day('1970-01-01'))).toBe(4);
    expect(weekdayOf(day('2026-02-14'))).toBe(6);
    expect(weekdayOf(day('2025-09-28'))).toBe(0);
    expect(weekdayOf(day('1969-12-28'))).toBe(0);
    expect(yearOfDay(day('2026-12-31'))).toBe(2026);
    expect(yearOfDay(day('2027-01-01'))).toBe(2027);
  });

  it('does not map years 0–99 to the 1900s', () => {
    expect(new Date(civilToMs(50, 0, 1)).getUTCFullYear()).toBe(50);
    expect(daysInMonth(2024, 1)).toBe(29);
    expect(daysInMonth(2100, 1)).toBe(28);
  });

  it('parses office clock times, including 24:00 as an end', () => {
    expect(parseClockTime('08:30')).toBe(510);
    expect(parseClockTime('00:00')).toBe(0);
    expect(parseClockTime('24:00')).toBe(1440);
    for (const bad of ['8:30', '24:01', '12:60', '12.00', 830, undefined]) expect(parseClockTime(bad)).toBeUndefined();
  });

  it('places local midnight by the fixed offset', () => {
    const china = createLocalFrame(480);
    const utc2026 = civilToMs(2026, 0, 1);
    // 2026-01-01 00:00 in China is 2025-12-31 16:00 UTC.
    expect(china.dayStart(utc2026 / DAY_MS)).toBe(utc2026 - 8 * 3_600_000);
    expect(china.dayOf(utc2026 - 8 * 3_600_000)).toBe(utc2026 / DAY_MS);
    expect(china.dayOf(utc2026 - 8 * 3_600_000 - 1)).toBe(utc2026 / DAY_MS - 1);
    expect(createLocalFrame(-300).dayOf(utc2026 + 4 * 3_600_000)).toBe(utc2026 / DAY_MS - 1);
  });
});
