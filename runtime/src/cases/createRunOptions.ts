/**
 * What the engine needs besides the snapshot: the county calendars (the default and every other
 * one a definition may name) and a Directory of the org tree and role holders, read from the
 * store and refreshed after a short time or on change.
 */
import { createDirectory, type RunOptions, type WorkCalendar } from '@tongban/engine';
import type { KnexIdentityStore } from '../identity/KnexIdentityStore.ts';
import { countyCalendarSet, type CountyCalendars } from '../calendars/countyCalendars.ts';

/** Supplies engine run options; `invalidate` after org or user changes. */
export interface RunOptionsSource {
  get(): Promise<RunOptions>;
  invalidate(): void;
  /** the default county calendar (fixed for the process) */
  calendar: WorkCalendar;
  /** every county calendar by id; `calendars.of(definition.calendar)` is the one a definition counts on */
  calendars: CountyCalendars;
}

/** Creates the source; the directory is derived data, so a cache (max `ttlMs` old) is safe. */
export function createRunOptions(identity: KnexIdentityStore, ttlMs = 30_000): RunOptionsSource {
  const calendars = countyCalendarSet();
  const calendar = calendars.default;
  let cached: { at: number; value: Promise<RunOptions> } | undefined;
  return {
    calendar,
    calendars,
    get() {
      const now = Date.now();
      if (!cached || now - cached.at > ttlMs) {
        const value = identity.directoryData().then((d) => ({ calendar, calendars: calendars.byId, directory: createDirectory(d) }));
        cached = { at: now, value };
        value.catch(() => { cached = undefined; });
      }
      return cached.value;
    },
    invalidate() { cached = undefined; },
  };
}
