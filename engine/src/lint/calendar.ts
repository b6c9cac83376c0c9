/** The calendar a definition names must exist (given the calendars the deployment has). */
import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import type { LintContext } from './context.ts';

/** `calendar` naming a calendar the deployment does not have (with `knownCalendars`). */
export function checkCalendar(c: LintContext): Diagnostic[] {
  const known = c.opts.knownCalendars;
  const id = c.def.calendar;
  if (!known || id === undefined || known.includes(id)) return [];
  return [diag('lint.unknown-calendar', '/calendar', { calendar: id, known: known.join(', ') })];
}
