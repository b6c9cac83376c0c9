import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '@tongban/engine';
import { countyDefault, nationalYears } from '@tongban/definitions/calendars';
import { describeDeadline } from './describeDeadline.ts';

const cal = createWorkCalendar(countyDefault as never, nationalYears as never);
/** Local (UTC+8) wall time → epoch ms. */
const at = (s: string) => Date.parse(s + '+08:00');
const H = 3_600_000;

describe('describeDeadline', () => {
  it('counts the remaining time in office hours on working days, skipping a weekend', () => {
    // Fri 2025-03-14 17:00, due Mon 09:30: 0.5 h on Friday + 1 h on Monday of office time
    const d = describeDeadline(cal, { dueAt: at('2025-03-17T09:30:00'), warnAt: at('2025-03-17T09:00:00'), clock: 'working', open: true }, at('2025-03-14T17:00:00'));
    expect(d).toMatchObject({ status: 'on-track', remainingMs: 1.5 * H, overdueMs: null });
  });

  it('skips statutory holidays and counts a 调休 make-up Sunday as a working day', () => {
    // 2025-09-28 (Sun) is a make-up workday; 10-01..10-08 are the National Day holiday
    const d = describeDeadline(cal, { dueAt: at('2025-10-09T09:30:00'), warnAt: null, clock: 'working', open: true }, at('2025-09-30T17:00:00'));
    expect(d.remainingMs).toBe(1.5 * H);
    const sunday = describeDeadline(cal, { dueAt: at('2025-09-28T10:30:00'), warnAt: null, clock: 'working', open: true }, at('2025-09-28T08:30:00'));
    expect(sunday.remainingMs).toBe(2 * H);
  });

  it('counts 24x7 on the urgent and natural clocks', () => {
    const d = describeDeadline(cal, { dueAt: at('2025-10-02T10:00:00'), warnAt: null, clock: 'urgent', open: true }, at('2025-10-01T10:00:00'));
    expect(d.remainingMs).toBe(24 * H);
  });

  it('is at risk from the warning point, overdue from the due time (by working time), paused with its reason, done when closed', () => {
    const base = { dueAt: at('2025-03-17T16:00:00'), warnAt: at('2025-03-17T15:00:00'), clock: 'working' as const, open: true };
    expect(describeDeadline(cal, base, at('2025-03-17T14:59:59')).status).toBe('on-track');
    expect(describeDeadline(cal, base, at('2025-03-17T15:00:00')).status).toBe('at-risk');
    const late = describeDeadline(cal, base, at('2025-03-18T09:00:00'));
    expect(late).toMatchObject({ status: 'overdue', remainingMs: null, overdueMs: 2 * H }); // 16:00–17:30 + 08:30–09:00
    const reason = { 'zh-CN': '挂账', en: 'Shelved' };
    expect(describeDeadline(cal, { ...base, paused: { reason, remainingMs: 5 * H } }, at('2025-03-20T09:00:00'))).toMatchObject({ status: 'paused', remainingMs: 5 * H, pausedReason: reason });
    expect(describeDeadline(cal, { ...base, open: false }, at('2025-03-20T09:00:00')).status).toBe('done');
    expect(describeDeadline(cal, { dueAt: null, warnAt: null, clock: null, open: true }, 0).status).toBe('none');
  });
});
