/** What an action needs besides the context: the compiled definition and this step's inputs. */
import type { WorkCalendar } from '../calendar/index.ts';
import type { CompiledDefinition } from '../compile/compile.ts';
import type { Directory } from './directory.ts';
import type { EventMeta } from './types.ts';

export interface RunOptions {
  calendar: WorkCalendar;
  directory: Directory;
}

export interface Env extends RunOptions {
  compiled: CompiledDefinition;
  meta: EventMeta;
}
