import { describe, it, expect } from 'vitest';
import { parseDuration, timePartMs } from './parseDuration.ts';

const zero = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

describe('parseDuration', () => {
  it.each([
    ['PT2H', { hours: 2 }],
    ['PT30M', { minutes: 30 }],
    ['P1D', { days: 1 }],
    ['P5D', { days: 5 }],
    ['P1DT4H', { days: 1, hours: 4 }],
    ['P1W', { weeks: 1 }],
    ['P1Y2M3DT4H5M6S', { years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6 }],
    ['PT1.5H', { hours: 1.5 }],
    ['PT0,5H', { hours: 0.5 }],
    ['PT0S', {}],
    ['P10Y', { years: 10 }],
    ['P3660D', { days: 3660 }],
  ])('reads %s', (iso, parts) => {
    expect(parseDuration(iso)).toEqual({ ok: true, value: { ...zero, ...parts } });
  });

  it.each([
    ['', 'calendar.bad-duration'],
    ['P', 'calendar.bad-duration'],
    ['PT', 'calendar.bad-duration'],
    ['P1DT', 'calendar.bad-duration'],
    ['2H', 'calendar.bad-duration'],
    ['pt2h', 'calendar.bad-duration'],
    ['-PT2H', 'calendar.bad-duration'],
    ['PT2H30', 'calendar.bad-duration'],
    ['P2H', 'calendar.bad-duration'],
    ['PT1.5H30M', 'calendar.bad-duration'],
    ['P1D2W', 'calendar.bad-duration'],
    ['P1.5D', 'calendar.fractional-date-part'],
    ['P0.5W', 'calendar.fractional-date-part'],
    ['P3661D', 'calendar.duration-too-long'],
    ['P11Y', 'calendar.duration-too-long'],
    ['PT87841H', 'calendar.duration-too-long'],
    ['P' + '9'.repeat(400) + 'D', 'calendar.bad-duration'],
  ])('refuses %j with %s', (iso, code) => {
    const r = parseDuration(iso);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostic.code).toBe(code);
  });

  it('returns a bilingual error diagnostic at the given path', () => {
    const r = parseDuration('2 hours', '/states/reported/task/sla/within');
    expect(r).toEqual({
      ok: false,
      diagnostic: {
        code: 'calendar.bad-duration',
        severity: 'error',
        path: '/states/reported/task/sla/within',
        message: {
          'zh-CN': '时长 2 hours 格式不正确，应为 ISO 8601 时长，如 PT2H、PT30M、P5D',
          en: '2 hours is not an ISO 8601 duration (e.g. PT2H, PT30M, P5D)',
        },
        details: { duration: '2 hours', maxDays: 3660 },
      },
    });
  });

  it('refuses a non-string arriving from untyped JSON', () => {
    expect(parseDuration(120 as unknown as string).ok).toBe(false);
  });

  it('converts the time part to whole milliseconds', () => {
    const r = parseDuration('PT1H30M0.5S');
    expect(r.ok && timePartMs(r.value)).toBe(5_400_500);
  });
});
