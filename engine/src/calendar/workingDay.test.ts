import { describe, it, expect } from 'vitest';
import { EngineError } from '../diagnostics/Diagnostic.ts';
import { calendar, errorCode } from './fixtures.ts';
import { unknownYearWarnings } from './dayRules.ts';

describe('isWorkingDay on the national tables', () => {
  it.each([
    // 2025 — 国办发明电〔2024〕12号
    ['2025-01-01', false, 'New Year (Wed), no make-up'],
    ['2025-01-26', true, 'Sunday make-up for Spring Festival'],
    ['2025-01-28', false, 'Spring Festival Eve'],
    ['2025-02-04', false, 'last day of Spring Festival'],
    ['2025-02-05', true, 'first day back'],
    ['2025-02-08', true, 'Saturday make-up'],
    ['2025-04-04', false, 'Qingming'],
    ['2025-04-27', true, 'Sunday make-up for Labour Day'],
    ['2025-05-05', false, 'Labour Day (Monday)'],
    ['2025-06-02', false, 'Dragon Boat (Monday)'],
    ['2025-09-28', true, 'Sunday make-up for National Day'],
    ['2025-10-08', false, 'last day of National Day + Mid-Autumn'],
    ['2025-10-09', true, 'first day back'],
    ['2025-10-11', true, 'Saturday make-up'],
    ['2025-03-08', false, 'ordinary Saturday'],
    ['2025-03-10', true, 'ordinary Monday'],
    // 2026 — 国务院办公厅关于2026年部分节假日安排的通知
    ['2026-01-02', false, 'New Year (Friday)'],
    ['2026-01-04', true, 'Sunday make-up for New Year'],
    ['2026-02-14', true, 'Saturday make-up for Spring Festival'],
    ['2026-02-15', false, 'Spring Festival, first day'],
    ['2026-02-16', false, 'Spring Festival (Monday)'],
    ['2026-02-23', false, 'Spring Festival, last day (Monday)'],
    ['2026-02-24', true, 'first day back'],
    ['2026-02-28', true, 'Saturday make-up'],
    ['2026-04-06', false, 'Qingming (Monday)'],
    ['2026-05-09', true, 'Saturday make-up for Labour Day'],
    ['2026-06-19', false, 'Dragon Boat (Friday)'],
    ['2026-09-20', true, 'Sunday make-up for National Day'],
    ['2026-09-25', false, 'Mid-Autumn (Friday)'],
    ['2026-10-07', false, 'National Day, last day'],
    ['2026-10-08', true, 'first day back'],
    ['2026-10-10', true, 'Saturday make-up'],
  ])('%s is working: %s (%s)', (date, expected) => {
    const cal = calendar();
    expect(cal.isWorkingDay(date)).toBe(expected);
    expect(cal.unknownYears()).toEqual([]);
  });

  it('counts an unknown year (2027) weekdays-only and reports it', () => {
    const cal = calendar();
    expect(cal.unknownYears()).toEqual([]);
    expect(cal.isWorkingDay('2027-02-08')).toBe(true); // a Monday, whatever the 2027 notice says
    expect(cal.isWorkingDay('2027-02-06')).toBe(false); // a Saturday
    expect(cal.isWorkingDay('2027-10-01')).toBe(true); // National Day — unknown without data
    expect(cal.isWorkingDay('2024-12-31')).toBe(true);
    expect(cal.unknownYears()).toEqual([2024, 2027]);
    expect(unknownYearWarnings(cal.unknownYears(), '/calendar').map((d) => [d.severity, d.path, d.message['zh-CN']])).toEqual([
      ['warning', '/calendar', '日历缺少 2024 年的节假日数据，按仅周末休息计算'],
      ['warning', '/calendar', '日历缺少 2027 年的节假日数据，按仅周末休息计算'],
    ]);
  });

  it('applies local closures and county extra workdays, closure first', () => {
    const cal = calendar({ localClosures: ['2026-03-02', '2026-03-14'], extraWorkdays: ['2026-03-07', '2026-03-14', '2026-10-02'] });
    expect(cal.isWorkingDay('2026-03-02')).toBe(false);
    expect(cal.isWorkingDay('2026-03-07')).toBe(true);
    expect(cal.isWorkingDay('2026-03-14')).toBe(false);
    expect(cal.isWorkingDay('2026-10-02')).toBe(true);
  });

  it('adds a year given as data without code changes', () => {
    const y2027 = {
      year: 2027,
      source: { title: 'test', published: '2026-11-01' },
      holidays: [{ name: { 'zh-CN': '国庆节', en: 'National Day' }, from: '2027-10-01', to: '2027-10-07' }],
      makeUpWorkdays: [{ date: '2027-09-26' }],
    };
    const cal = calendar({}, [y2027]);
    expect(cal.isWorkingDay('2027-10-01')).toBe(false);
    expect(cal.isWorkingDay('2027-09-26')).toBe(true);
    expect(cal.unknownYears()).toEqual([]);
  });

  it('throws a coded error for a malformed date', () => {
    expect(() => calendar().isWorkingDay('2026-2-14')).toThrowError(EngineError);
    expect(errorCode(() => calendar().isWorkingDay('2026-02-30'))).toBe('calendar.bad-date');
  });
});
