/**
 * What the engine needs besides the snapshot: the county work calendar and a Directory of the
 * org tree and role holders, read from the store and refreshed after a short time or on change.
 */
import { createDirectory, createWorkCalendar, type RunOptions, type WorkCalendar } from '@tongban/engine';
import { countyDefault, nationalYears } from '@tongban/definitions/calendars';
import type { KnexIdentityStore } from '../identity/KnexIdentityStore.ts';

/** Supplies engine run options; `invalidate` after org or user changes. */
export interface RunOptionsSource { get(): Promise<RunOptions>; invalidate(): void; /** the county calendar (fixed for the process) */ calendar: WorkCalendar }

/** Creates the source; the directory is derived data, so a cache (max `ttlMs` old) is safe. */
export function createRunOptions(identity: KnexIdentityStore, ttlMs = 30_000): RunOptionsSource {
  const calendar = createWorkCalendar(countyDefault as never, nationalYears as never);
  let cached: { at: number; value: Promise<RunOptions> } | undefined;
  return {
    calendar,
    get() {
      const now = Date.now();
      if (!cached || now - cached.at > ttlMs) {
        const value = identity.directoryData().then((d) => ({ calendar, directory: createDirectory(d) }));
        cached = { at: now, value };
        value.catch(() => { cached = undefined; });
      }
      return cached.value;
    },
    invalidate() { cached = undefined; },
  };
}
