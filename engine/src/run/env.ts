/** What an action needs besides the context: the compiled definition and this step's inputs. */
import type { WorkCalendar } from '../calendar/index.ts';
import type { CompiledDefinition } from '../compile/compile.ts';
import type { Directory } from './directory.ts';
import type { EventMeta } from './types.ts';

export interface RunOptions {
  /** the county calendar deadlines count on (unless the definition names another) */
  calendar: WorkCalendar;
  /** other calendars by id, for definitions that name one (`calendar: "<id>"`) */
  calendars?: Record<string, WorkCalendar>;
  directory: Directory;
  /**
   * The item a sub-case or spawn starts, compiled (the newest published version), when the caller can
   * look it up: the child's intake is then checked before the parent moves, so no child case is
   * spawned that could never be opened.
   */
  childDefinition?: (id: string) => CompiledDefinition | undefined;
}

/** The calendar a definition counts on: the one it names (by id), else the default; undefined when the named one is missing. */
export function calendarFor(definitionCalendar: string | undefined, opts: RunOptions): WorkCalendar | undefined {
  if (!definitionCalendar) return opts.calendar;
  return opts.calendars?.[definitionCalendar] ?? (opts.calendar.id === definitionCalendar ? opts.calendar : undefined);
}

export interface Env extends RunOptions {
  compiled: CompiledDefinition;
  meta: EventMeta;
}
