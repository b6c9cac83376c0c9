/**
 * The county calendars this deployment counts on: every calendar shipped in
 * `@tongban/definitions/calendars`, built once. A definition's `calendar` names one by id; a
 * definition without one counts on the default (`county-default`). Lint and publish refuse an id
 * that is not here (`lint.unknown-calendar` at `/calendar`), and task rows record the id they
 * were counted on, so a deadline's remaining time is told on the same calendar.
 */
import { createWorkCalendar, type WorkCalendar } from '@tongban/engine';
import { countyCalendars, nationalYears } from '@tongban/definitions/calendars';

/** The calendars by id, and the default one. */
export interface CountyCalendars {
  /** the default calendar (a definition without `calendar`) */
  default: WorkCalendar;
  /** every calendar by id, the default included */
  byId: Record<string, WorkCalendar>;
  /** the ids, default first (lint's `knownCalendars`) */
  ids: string[];
  /** The calendar with this id; the default for null/undefined or an id that is not (or no longer) known. */
  of(id: string | null | undefined): WorkCalendar;
}

let built: CountyCalendars | undefined;

/** The shipped county calendars (built on first use, then shared: a calendar is immutable). */
export function countyCalendarSet(): CountyCalendars {
  if (built) return built;
  const byId: Record<string, WorkCalendar> = {};
  for (const config of countyCalendars) byId[config.id] = createWorkCalendar(config as never, nationalYears as never);
  const fallback = byId[countyCalendars[0]!.id]!;
  built = { default: fallback, byId, ids: Object.keys(byId), of: (id) => (id ? byId[id] ?? fallback : fallback) };
  return built;
}
