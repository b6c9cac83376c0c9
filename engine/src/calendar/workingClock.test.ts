import { describe, it, expect } from 'vitest';
import { at, calendar, show } from './fixtures.ts';

// March 2026 has no holidays: Mon 03-02 … Fri 03-06, Mon 03-09. Office hours 08:30–12:00, 14:00–17:30.
const due = (start: string, duration: string) => show(calendar().add(at(start), duration, 'working'));

describe('working clock: hours inside office hours', () => {
  it.each([
    ['2026-03-02 11:00', 'PT2H', '2026-03-02 15:00', 'crosses the lunch break'],
    ['2026-03-02 11:00', 'PT1H', '2026-03-02 12:00', 'uses up the morning exactly: due at 12:00, not 14:00'],
    ['2026-03-02 12:30', 'PT2H', '2026-03-02 16:00', 'starts in the lunch break'],
    ['2026-03-02 07:00', 'PT2H', '2026-03-02 10:30', 'starts before office hours'],
    ['2026-03-02 17:15', 'PT30M', '2026-03-03 08:45', 'crosses the evening'],
    ['2026-03-02 18:00', 'PT2H', '2026-03-03 10:30', 'starts in the evening'],
    ['2026-03-06 16:00', 'PT4H', '2026-03-09 11:00', 'crosses a weekend'],
    ['2026-03-07 10:00', 'PT1H', '2026-03-09 09:30', 'starts on a Saturday'],
    ['2026-03-02 08:30', 'PT7H', '2026-03-02 17:30', 'one full office day'],
    ['2026-03-02 08:30', 'PT1.5H', '2026-03-02 10:00', '核查 1.5 工作时'],
    ['2026-03-02 11:59', 'PT90S', '2026-03-02 14:00:30', 'seconds across lunch'],
    ['2026-03-07 10:00', 'PT0S', '2026-03-07 10:00', 'zero leaves the start unchanged'],
  ])('%s + %s → %s (%s)', (start, duration, expected) => {
    expect(due(start, duration)).toBe(expected);
  });
});

describe('working clock: days count working days', () => {
  it.each([
    ['2026-03-02 16:00', 'P1D', '2026-03-03 16:00', 'same clock time next working day'],
    ['2026-03-06 16:00', 'P1D', '2026-03-09 16:00', 'Friday → Monday'],
    ['2026-03-06 18:00', 'P1D', '2026-03-10 08:30', 'evening start is first normalized to Monday 08:30'],
    ['2026-03-02 12:00', 'P1D', '2026-03-03 14:00', '12:00 is lunch: normalized to 14:00'],
    ['2026-03-02 16:00', 'P1DT4H', '2026-03-04 11:00', 'days first, then hours'],
    ['2026-03-02 10:00', 'P1W', '2026-03-09 10:00', 'a working week is 5 working days'],
    ['2026-03-02 10:00', 'P5D', '2026-03-09 10:00', 'P5D equals P1W'],
    ['2026-03-02 10:00', 'P1WT1H', '2026-03-09 11:00', 'weeks then hours'],
  ])('%s + %s → %s (%s)', (start, duration, expected) => {
    expect(due(start, duration)).toBe(expected);
  });
});

describe('working clock across holidays and make-up days', () => {
  it.each([
    ['2026-02-11 10:00', 'P5D', '2026-02-25 10:00', 'Spring Festival 2026: Thu, Fri, make-up Sat 14th, then Tue 24th, Wed 25th'],
    ['2026-02-14 16:00', 'PT4H', '2026-02-24 11:00', 'from the make-up Saturday over the whole festival'],
    ['2026-02-13 17:00', 'PT1H', '2026-02-14 09:00', 'Friday evening into the make-up Saturday'],
    ['2026-02-27 17:00', 'PT1H', '2026-02-28 09:00', 'into the make-up Saturday 28 Feb'],
    ['2026-02-15 09:00', 'P1D', '2026-02-25 08:30', 'a start inside the festival is normalized to 24 Feb 08:30'],
    ['2025-09-26 17:00', 'PT1H', '2025-09-28 09:00', 'into the make-up Sunday before National Day 2025'],
    ['2025-09-30 16:00', 'P1D', '2025-10-09 16:00', 'over National Day + Mid-Autumn 2025'],
    ['2025-10-10 16:00', 'P1D', '2025-10-11 16:00', 'onto the make-up Saturday 11 Oct 2025'],
    ['2025-12-31 17:00', 'PT2H', '2026-01-04 10:00', 'New Year 2026 into the make-up Sunday'],
    ['2025-01-24 10:00', 'P3D', '2025-02-05 10:00', 'Spring Festival 2025: make-up Sun 26 Jan, Mon 27, then 5 Feb'],
  ])('%s + %s → %s (%s)', (start, duration, expected) => {
    expect(due(start, duration)).toBe(expected);
  });

  it('counts 2027 weekdays-only and reports it', () => {
    const cal = calendar();
    expect(show(cal.add(at('2026-12-31 17:00'), 'PT1H', 'working'))).toBe('2027-01-01 09:00');
    expect(cal.unknownYears()).toEqual([2027]);
  });

  it('respects local closures', () => {
    const cal = calendar({ localClosures: ['2026-03-03'] });
    expect(show(cal.add(at('2026-03-02 16:00'), 'P1D', 'working'))).toBe('2026-03-04 16:00');
  });

  it('treats 00:00–24:00 office hours as continuous within working days', () => {
    const cal = calendar({ workingHours: [{ start: '00:00', end: '24:00' }] });
    expect(show(cal.add(at('2026-03-06 23:00'), 'PT2H', 'working'))).toBe('2026-03-09 01:00');
  });
});
