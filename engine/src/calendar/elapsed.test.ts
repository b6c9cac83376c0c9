import { describe, it, expect } from 'vitest';
import { at, calendar, errorCode, HOUR, show } from './fixtures.ts';

const cal = calendar();

describe('elapsed', () => {
  it.each([
    ['2026-03-02 11:00', '2026-03-02 15:00', 2],
    ['2026-03-06 16:00', '2026-03-09 09:30', 2.5],
    ['2026-03-02 08:30', '2026-03-02 17:30', 7],
    ['2026-03-02 12:00', '2026-03-02 14:00', 0],
    ['2026-02-13 17:30', '2026-02-24 08:30', 7],
    ['2026-03-02 00:00', '2026-03-09 00:00', 35],
  ])('working %s → %s = %s h', (from, to, hours) => {
    expect(cal.elapsed(at(from), at(to), 'working')).toBe(hours * HOUR);
  });

  it('is 0 when `to` is not after `from`', () => {
    expect(cal.elapsed(at('2026-03-02 15:00'), at('2026-03-02 11:00'), 'working')).toBe(0);
    expect(cal.elapsed(at('2026-03-02 15:00'), at('2026-03-02 11:00'), 'natural')).toBe(0);
  });

  it('does not flag the next year for a span ending at midnight', () => {
    const c = calendar();
    c.elapsed(at('2026-12-30 00:00'), at('2027-01-01 00:00'), 'working');
    expect(c.unknownYears()).toEqual([]);
  });

  it('subtracts pauses, merging overlaps and ignoring what lies outside', () => {
    const from = at('2026-03-02 08:30');
    const to = at('2026-03-02 17:30');
    const p = (a: string, b: string) => ({ from: at(`2026-03-02 ${a}`), to: at(`2026-03-02 ${b}`) });
    expect(cal.elapsed(from, to, 'working', [p('10:00', '11:00')])).toBe(6 * HOUR);
    expect(cal.elapsed(from, to, 'working', [p('10:30', '11:30'), p('10:00', '11:00')])).toBe(5.5 * HOUR);
    expect(cal.elapsed(from, to, 'working', [p('12:00', '14:00')])).toBe(7 * HOUR);
    expect(cal.elapsed(from, to, 'working', [p('06:00', '09:00'), p('17:00', '20:00')])).toBe(6 * HOUR);
    expect(cal.elapsed(from, to, 'natural', [p('12:00', '14:00')])).toBe(7 * HOUR);
  });

  it('refuses a pause that ends before it starts', () => {
    const bad = [{ from: at('2026-03-02 11:00'), to: at('2026-03-02 10:00') }];
    expect(errorCode(() => cal.elapsed(at('2026-03-02 08:30'), at('2026-03-02 17:30'), 'working', bad))).toBe('calendar.bad-interval');
  });
});

describe('fractionPoint', () => {
  it('finds the 2/3 预警 point in working time', () => {
    const start = at('2026-03-02 11:00');
    const due = cal.add(start, 'PT3H', 'working');
    expect(show(due)).toBe('2026-03-02 16:00');
    expect(show(cal.fractionPoint(start, due, 2 / 3, 'working'))).toBe('2026-03-02 15:00');
  });

  it('spans a holiday on the working clock', () => {
    const start = at('2026-02-13 14:00');
    const due = cal.add(start, 'P3D', 'working'); // Sat 14th, Tue 24th, Wed 25th
    expect(show(due)).toBe('2026-02-25 14:00');
    // 21 h of office time; 2/3 is 14 h: Fri 3.5 h + Sat 7 h + Tue 3.5 h.
    expect(show(cal.fractionPoint(start, due, 2 / 3, 'working'))).toBe('2026-02-24 12:00');
  });

  it('is plain proportion on the natural clock, and the ends at 0 and 1', () => {
    const start = at('2026-03-02 10:00');
    const due = at('2026-03-05 10:00');
    expect(show(cal.fractionPoint(start, due, 0.5, 'natural'))).toBe('2026-03-03 22:00');
    expect(cal.fractionPoint(start, due, 0, 'natural')).toBe(start);
    expect(cal.fractionPoint(start, due, 1, 'natural')).toBe(due);
  });

  it('refuses a fraction outside 0..1', () => {
    expect(errorCode(() => cal.fractionPoint(0, 1, 1.5, 'natural'))).toBe('calendar.bad-fraction');
    expect(errorCode(() => cal.fractionPoint(0, 1, Number.NaN, 'natural'))).toBe('calendar.bad-fraction');
  });
});
