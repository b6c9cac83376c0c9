import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { at, calendar, HOUR } from './fixtures.ts';
import { formatLocalDate } from './localDate.ts';
import type { Clock } from './types.ts';

const cal = calendar();
const clocks: Clock[] = ['working', 'urgent', 'natural'];
// 2025 through 2027: both tables, their year ends, and an unknown year.
const instant = fc.integer({ min: at('2025-01-01 00:00'), max: at('2027-12-31 00:00') });
// Up to 60 days of clock time, at second resolution plus odd milliseconds.
const amount = fc.integer({ min: 0, max: 60 * 24 * HOUR });
const clock = fc.constantFrom(...clocks);
// The first working instant at or after s: one working ms later, minus that ms.
const workingInstant = instant.map((s) => cal.addMs(s, 1, 'working') - 1);
const pause = fc.tuple(instant, fc.integer({ min: 0, max: 10 * 24 * HOUR })).map(([from, len]) => ({ from, to: from + len }));

describe('calendar properties', () => {
  it('elapsed(s, addMs(s, d)) == d from a working instant, on every clock', () => {
    fc.assert(fc.property(workingInstant, amount, clock, (s, d, c) => {
      expect(cal.elapsed(s, cal.addMs(s, d, c), c)).toBe(d);
    }));
  });

  it('elapsed(s, addMs(s, d)) == d from any instant too', () => {
    fc.assert(fc.property(instant, amount, clock, (s, d, c) => {
      expect(cal.elapsed(s, cal.addMs(s, d, c), c)).toBe(d);
    }));
  });

  it('is monotonic: more duration is never earlier', () => {
    fc.assert(fc.property(instant, amount, amount, clock, (s, a, b, c) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      expect(cal.addMs(s, lo, c)).toBeLessThanOrEqual(cal.addMs(s, hi, c));
      expect(cal.addMs(s, lo, c)).toBeGreaterThanOrEqual(s);
    }));
  });

  it('is monotonic for ISO durations on the working clock (days and minutes)', () => {
    const dur = fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 3000 }));
    fc.assert(fc.property(instant, dur, dur, (s, [d1, m1], [d2, m2]) => {
      const shorter = `P${Math.min(d1, d2)}DT${Math.min(m1, m2)}M`;
      const longer = `P${Math.max(d1, d2)}DT${Math.max(m1, m2)}M`;
      expect(cal.add(s, shorter, 'working')).toBeLessThanOrEqual(cal.add(s, longer, 'working'));
    }));
  });

  it('is additive: addMs(addMs(s, a), b) == addMs(s, a + b)', () => {
    fc.assert(fc.property(instant, amount, amount, clock, (s, a, b, c) => {
      expect(cal.addMs(cal.addMs(s, a, c), b, c)).toBe(cal.addMs(s, a + b, c));
    }));
  });

  it('elapsed is additive over adjacent spans', () => {
    fc.assert(fc.property(instant, instant, instant, clock, (x, y, z, c) => {
      const [a, b, d] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
      expect(cal.elapsed(a, b, c) + cal.elapsed(b, d, c)).toBe(cal.elapsed(a, d, c));
    }));
  });

  it('pauses never add time, and the result is never negative', () => {
    fc.assert(fc.property(instant, amount, fc.array(pause, { maxLength: 4 }), clock, (s, d, pauses, c) => {
      const to = s + d;
      const withPauses = cal.elapsed(s, to, c, pauses);
      expect(withPauses).toBeLessThanOrEqual(cal.elapsed(s, to, c));
      expect(withPauses).toBeGreaterThanOrEqual(0);
    }));
  });

  it('urgent equals natural for ms arithmetic', () => {
    fc.assert(fc.property(instant, amount, (s, d) => {
      expect(cal.addMs(s, d, 'urgent')).toBe(cal.addMs(s, d, 'natural'));
      expect(cal.elapsed(s, s + d, 'urgent')).toBe(d);
      expect(cal.elapsed(s, s + d, 'natural')).toBe(d);
    }));
  });

  it('fractionPoint lies between start and due', () => {
    fc.assert(fc.property(instant, amount, fc.double({ min: 0, max: 1, noNaN: true }), clock, (s, d, f, c) => {
      const due = cal.addMs(s, d, c);
      const point = cal.fractionPoint(s, due, f, c);
      expect(point).toBeGreaterThanOrEqual(s);
      expect(point).toBeLessThanOrEqual(due);
    }));
  });

  it('PTnM on the working clock equals addMs of n minutes', () => {
    fc.assert(fc.property(instant, fc.integer({ min: 0, max: 20_000 }), (s, n) => {
      expect(cal.add(s, `PT${n}M`, 'working')).toBe(cal.addMs(s, n * 60_000, 'working'));
    }));
  });

  it('a working day holds exactly the office hours; any other day none', () => {
    fc.assert(fc.property(fc.integer({ min: 20_089, max: 21_549 }), (day) => {
      const date = formatLocalDate(day); // 2025-01-01 … 2028-12-31
      const dayStart = at(`${date} 00:00`);
      const expected = cal.isWorkingDay(date) ? 7 * HOUR : 0;
      expect(cal.elapsed(dayStart, dayStart + 24 * HOUR, 'working')).toBe(expected);
    }));
  });
});
