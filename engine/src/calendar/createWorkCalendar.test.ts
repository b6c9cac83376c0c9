import { describe, it, expect } from 'vitest';
import { EngineError } from '../diagnostics/Diagnostic.ts';
import { createWorkCalendar } from './createWorkCalendar.ts';
import { at, calendar, defaultConfig, errorCode, shippedYears, show } from './fixtures.ts';
import { formatLocalDate, parseLocalDate } from './localDate.ts';
import type { Clock, NationalYear } from './types.ts';

const cal = calendar();
const start = at('2026-03-02 10:00');

describe('createWorkCalendar refuses bad data', () => {
  it('throws calendar.invalid-config with every finding', () => {
    const config = { ...defaultConfig, workingHours: [{ start: '08:30', end: '12:00' }, { start: '11:00', end: '17:30' }] };
    try {
      createWorkCalendar(config, shippedYears);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EngineError);
      const err = e as EngineError;
      expect(err.code).toBe('calendar.invalid-config');
      expect(err.diagnostics.map((d) => `${d.code}@${d.path}`)).toEqual(['calendar.overlapping-hours@/workingHours/1']);
    }
  });

  it('refuses a year given twice, pointing into the years list', () => {
    const err = (() => {
      try {
        createWorkCalendar(defaultConfig, [...shippedYears, shippedYears[1] as NationalYear]);
      } catch (e) {
        return e as EngineError;
      }
    })();
    expect(err?.diagnostics.map((d) => `${d.code}@${d.path}`)).toEqual(['calendar.duplicate-year@/years/2/year']);
  });

  it('accepts warnings (a closure that is also an extra workday)', () => {
    expect(() => calendar({ localClosures: ['2026-03-07'], extraWorkdays: ['2026-03-07'] })).not.toThrow();
  });
});

describe('coded errors on bad arguments', () => {
  it.each<[string, () => unknown, string]>([
    ['months on the working clock', () => cal.add(start, 'P1M', 'working'), 'calendar.unsupported-duration'],
    ['years on the working clock', () => cal.add(start, 'P1Y', 'working'), 'calendar.unsupported-duration'],
    ['a bad ISO string', () => cal.add(start, '2h', 'working'), 'calendar.bad-duration'],
    ['fractional days', () => cal.add(start, 'P0.5D', 'natural'), 'calendar.fractional-date-part'],
    ['P4000D', () => cal.add(start, 'P4000D', 'working'), 'calendar.duration-too-long'],
    ['an unknown clock', () => cal.add(start, 'PT1H', 'office' as Clock), 'calendar.unknown-clock'],
    ['a NaN start', () => cal.add(Number.NaN, 'PT1H', 'working'), 'calendar.bad-instant'],
    ['a start past year 9999', () => cal.addMs(1e16, 1, 'natural'), 'calendar.bad-instant'],
    ['a negative amount', () => cal.addMs(start, -1, 'natural'), 'calendar.bad-amount'],
    ['an infinite amount', () => cal.addMs(start, Infinity, 'working'), 'calendar.bad-amount'],
    ['a huge amount', () => cal.addMs(start, 1e15, 'working'), 'calendar.duration-too-long'],
    ['a century-long span', () => cal.elapsed(0, 4e12, 'working'), 'calendar.duration-too-long'],
    ['an infinite `to`', () => cal.elapsed(0, Infinity, 'natural'), 'calendar.bad-instant'],
  ])('%s', (_name, fn, code) => {
    expect(errorCode(fn)).toBe(code);
  });

  it('carries a bilingual diagnostic in the error', () => {
    try {
      cal.add(start, 'P1M', 'working');
    } catch (e) {
      expect((e as EngineError).diagnostics[0]?.message['zh-CN']).toBe('工作时钟不能按月或年计算时长 P1M，请改用工作日（如 P20D）');
    }
  });

  it('stops instead of looping when no working day comes for over a year', () => {
    const first = parseLocalDate('2026-03-01') ?? 0;
    const closures = Array.from({ length: 400 }, (_, i) => formatLocalDate(first + i));
    const closed = calendar({ localClosures: closures });
    expect(errorCode(() => closed.add(at('2026-03-02 10:00'), 'PT1H', 'working'))).toBe('calendar.no-working-day');
    expect(errorCode(() => closed.add(at('2026-03-02 10:00'), 'P1D', 'working'))).toBe('calendar.no-working-day');
    // 400 closed days exceed the limit only as a run: elapsed just counts them as zero.
    expect(closed.elapsed(at('2026-03-02 10:00'), at('2026-04-02 10:00'), 'working')).toBe(0);
  });
});

describe('performance: iterates by day, not by minute', () => {
  it.each([
    ['P30D', '2026-04-14 10:00'],
    ['PT200H', '2026-04-10 16:00'], // 5.5 h on 2 Mar + 27 days × 7 h (Qingming 4–6 Apr skipped) + 5.5 h
    ['P3660D', undefined],
    ['PT87840H', undefined],
  ])('adds %s quickly', (duration, expected) => {
    const t0 = performance.now();
    const due = cal.add(start, duration, 'working');
    expect(performance.now() - t0).toBeLessThan(500);
    if (expected) expect(show(due)).toBe(expected);
    expect(cal.elapsed(start, due, 'working')).toBeGreaterThan(0);
  });
});

describe('instantOf reads local date-times in the county zone', () => {
  it('a date-time without a zone is wall-clock time at the calendar offset; one with a zone keeps it', () => {
    const urumqi = createWorkCalendar({ ...defaultConfig, utcOffsetMinutes: 360 }, shippedYears);
    expect(urumqi.instantOf('2026-05-02T01:00')).toBe(Date.UTC(2026, 4, 1, 19));
    expect(cal.instantOf('2026-05-02T01:00:00')).toBe(Date.UTC(2026, 4, 1, 17));
    expect(urumqi.instantOf('2026-05-02T01:00:00+08:00')).toBe(Date.UTC(2026, 4, 1, 17));
    expect(urumqi.instantOf('2026-05-02T01:00:00Z')).toBe(Date.UTC(2026, 4, 2, 1));
  });

  it('is undefined for what is not a real date-time', () => {
    expect(cal.instantOf('2026-02-30T09:00')).toBeUndefined();
    expect(cal.instantOf('2026-05-02T24:00')).toBeUndefined();
    expect(cal.instantOf('tomorrow')).toBeUndefined();
  });
});
