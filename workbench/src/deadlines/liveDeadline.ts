/**
 * Live countdowns on the county calendar. The same engine calendar the server uses (loaded with
 * the county's office hours and holidays from /api/client-config) recomputes a deadline every
 * second on the server's clock (the device's skew corrected), so the screen agrees with the API.
 */
import { createWorkCalendar, type WorkCalendar } from '@tongban/engine';
import type { components } from '../api/openapiTypes.ts';

/** A deadline as the API describes it. */
export type Deadline = components['schemas']['Deadline'];
/** The client configuration. */
export type ClientConfig = components['schemas']['ClientConfig'];

/** The county calendar from the client configuration. */
export function calendarOf(config: ClientConfig): WorkCalendar {
  return createWorkCalendar(config.calendar.county as never, config.calendar.years as never);
}

/** The deadline at `now`: the server's figures, advanced on the same clock (the rules of describeDeadline on the server). */
export function liveDeadline(calendar: WorkCalendar | undefined, d: Deadline, now: number): Deadline {
  if (!calendar || d.status === 'done' || d.status === 'none' || d.status === 'paused' || d.dueAt === null || d.clock === null) return d;
  if (now >= d.dueAt) return { ...d, status: 'overdue', remainingMs: null, overdueMs: calendar.elapsed(d.dueAt, now, d.clock), computedAt: now };
  const status = d.warnAt !== null && now >= d.warnAt ? 'at-risk' : 'on-track';
  return { ...d, status, remainingMs: calendar.elapsed(now, d.dueAt, d.clock), overdueMs: null, computedAt: now };
}

/** Splits a duration into days, hours and minutes (days only on the 24x7 clocks: a working day is not 24 hours). */
export function durationParts(ms: number, clock: Deadline['clock']): { days: number; hours: number; minutes: number } {
  const totalMin = Math.floor(ms / 60_000);
  const days = clock === 'working' ? 0 : Math.floor(totalMin / 1440);
  const rest = totalMin - days * 1440;
  return { days, hours: Math.floor(rest / 60), minutes: rest % 60 };
}
