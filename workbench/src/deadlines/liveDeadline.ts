/**
 * Live countdowns on the county calendars. The same engine calendars the server uses (loaded with
 * each county calendar's office hours and closures and the national holidays from
 * /api/client-config) recompute a deadline every second on the server's clock (the device's skew
 * corrected), each on the calendar the deadline names (its item's `calendar`), so the screen
 * agrees with the API. Imported from the engine's calendar entry, not its index: the index pulls
 * the whole engine (XState, Ajv, the expression and template compilers, 840 KB) into the queue's
 * chunk, and parsing it was most of the time to the first queue row.
 */
import { createWorkCalendar, type WorkCalendar } from '@tongban/engine/calendar';
import type { components } from '../api/openapiTypes.ts';

/** A deadline as the API describes it. */
export type Deadline = components['schemas']['Deadline'];
/** The client configuration. */
export type ClientConfig = components['schemas']['ClientConfig'];

/** The county calendars by id; `of` falls back to the default for an id the client does not know. */
export interface ClientCalendars { default: WorkCalendar; of(id: string | null | undefined): WorkCalendar }

/** The county calendars from the client configuration (the default, and every other one an item may name). */
export function calendarsOf(config: ClientConfig): ClientCalendars {
  const years = config.calendar.years as never;
  const fallback = createWorkCalendar(config.calendar.county as never, years);
  const byId = new Map<string, WorkCalendar>([[fallback.id, fallback]]);
  for (const c of config.calendar.calendars ?? []) if (!byId.has(String(c.id))) byId.set(String(c.id), createWorkCalendar(c as never, years));
  return { default: fallback, of: (id) => (id ? byId.get(id) ?? fallback : fallback) };
}

/** The deadline at `now`: the server's figures, advanced on the same clock and calendar (the rules of describeDeadline on the server). */
export function liveDeadline(calendars: ClientCalendars | undefined, d: Deadline, now: number): Deadline {
  const calendar = calendars?.of(d.calendar);
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
