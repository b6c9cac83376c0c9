import { describe, it, expect } from 'vitest';
import { at, calendar, show } from './fixtures.ts';
import type { Clock } from './types.ts';

describe('natural and urgent clocks (24x7)', () => {
  it.each<[string, string, Clock, string]>([
    ['2026-02-14 23:00', 'PT3H', 'urgent', '2026-02-15 02:00'],
    ['2026-02-14 23:00', 'PT3H', 'natural', '2026-02-15 02:00'],
    ['2026-02-13 10:00', 'P7D', 'natural', '2026-02-20 10:00'],
    ['2026-02-13 10:00', 'P1W', 'urgent', '2026-02-20 10:00'],
    ['2026-02-13 10:00', 'P1DT4H', 'natural', '2026-02-14 14:00'],
    ['2026-03-02 10:00', 'PT15M', 'urgent', '2026-03-02 10:15'],
    ['2026-01-31 10:00', 'P1M', 'natural', '2026-02-28 10:00'],
    ['2024-02-29 10:00', 'P1Y', 'natural', '2025-02-28 10:00'],
    ['2025-11-30 09:00', 'P1Y3M', 'natural', '2027-02-28 09:00'],
    // 05:00 local on 31 March is still 30 March in UTC: months must be counted in local time.
    ['2026-03-31 05:00', 'P1M', 'natural', '2026-04-30 05:00'],
    ['2026-03-31 05:00', 'P1MT1H', 'natural', '2026-04-30 06:00'],
  ])('%s + %s on %s → %s', (start, duration, clock, expected) => {
    expect(show(calendar().add(at(start), duration, clock))).toBe(expected);
  });

  it('ignores the county calendar and never reports unknown years', () => {
    const cal = calendar({ localClosures: ['2027-03-01'] });
    expect(cal.addMs(at('2027-02-28 23:00'), 7_200_000, 'urgent')).toBe(at('2027-03-01 01:00'));
    expect(cal.elapsed(at('2027-02-27 00:00'), at('2027-03-02 00:00'), 'natural')).toBe(3 * 86_400_000);
    expect(cal.unknownYears()).toEqual([]);
  });
});
