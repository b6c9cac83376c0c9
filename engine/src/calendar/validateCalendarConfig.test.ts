import { describe, it, expect } from 'vitest';
import { validateCalendarConfig } from './validateCalendarConfig.ts';
import { defaultConfig } from './fixtures.ts';

/** code@path pairs: the exact findings, in order. */
const findings = (config: unknown) => validateCalendarConfig(config).map((d) => `${d.severity} ${d.code}@${d.path}`);
const hours = (...pairs: [string, string][]) => ({ ...defaultConfig, workingHours: pairs.map(([start, end]) => ({ start, end })) });

describe('validateCalendarConfig', () => {
  it('accepts the shipped county default', () => {
    expect(validateCalendarConfig(defaultConfig)).toEqual([]);
  });

  it('accepts adjacent periods and a period ending at 24:00', () => {
    expect(findings(hours(['00:00', '12:00'], ['12:00', '24:00']))).toEqual([]);
  });

  it.each([
    ['bad HH:MM', hours(['8:30', '12:00'], ['14:00', '25:00']), ['error calendar.bad-time@/workingHours/0/start', 'error calendar.bad-time@/workingHours/1/end']],
    ['end before start', hours(['12:00', '08:30']), ['error calendar.empty-period@/workingHours/0']],
    ['empty period', hours(['09:00', '09:00']), ['error calendar.empty-period@/workingHours/0']],
    ['overlap', hours(['08:30', '12:00'], ['11:00', '17:30']), ['error calendar.overlapping-hours@/workingHours/1']],
    ['unsorted', hours(['14:00', '17:30'], ['08:30', '12:00']), ['error calendar.overlapping-hours@/workingHours/1']],
    ['no periods', hours(), ['error calendar.no-working-hours@/workingHours']],
    ['period not an object', { ...defaultConfig, workingHours: ['08:30-12:00'] }, ['error calendar.not-object@/workingHours/0']],
    ['missing id', { ...defaultConfig, id: '' }, ['error calendar.missing-field@/id']],
    ['fractional offset', { ...defaultConfig, utcOffsetMinutes: 480.5 }, ['error calendar.bad-offset@/utcOffsetMinutes']],
    ['offset out of range', { ...defaultConfig, utcOffsetMinutes: 900 }, ['error calendar.bad-offset@/utcOffsetMinutes']],
    ['bad closure date', { ...defaultConfig, localClosures: ['2026-02-30', '2026-03-01'] }, ['error calendar.bad-date@/localClosures/0']],
    ['closures not a list', { ...defaultConfig, localClosures: '2026-03-01' }, ['error calendar.missing-field@/localClosures']],
    ['closed and extra', { ...defaultConfig, localClosures: ['2026-03-07'], extraWorkdays: ['2026-03-07'] }, ['warning calendar.conflicting-day@/extraWorkdays/0']],
    ['not an object', [], ['error calendar.not-object@']],
  ])('reports %s', (_name, config, expected) => {
    expect(findings(config)).toEqual(expected);
  });

  it('fills the message from details', () => {
    const [d] = validateCalendarConfig(hours(['12:00', '08:30']));
    expect(d?.message).toEqual({
      'zh-CN': '办公时段 12:00–08:30 的结束时间须晚于开始时间',
      en: 'Office-hours period 12:00–08:30 must end after it starts',
    });
  });
});
