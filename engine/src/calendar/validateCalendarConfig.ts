/** Semantic checks of a county calendar config (what a JSON Schema cannot say: order, overlap, real dates). */
import { diag } from '../diagnostics/catalog.ts';
import { pointer, type Diagnostic } from '../diagnostics/Diagnostic.ts';
import { parseClockTime, parseLocalDate } from './localDate.ts';

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks the office-hours periods: valid HH:MM, end after start, sorted and non-overlapping. */
function checkWorkingHours(hours: unknown): Diagnostic[] {
  if (!Array.isArray(hours) || hours.length === 0) return [diag('calendar.no-working-hours', '/workingHours')];
  const out: Diagnostic[] = [];
  let previousEnd = -1;
  hours.forEach((p: unknown, i) => {
    const at = pointer('workingHours', i);
    if (!isObject(p)) return void out.push(diag('calendar.not-object', at, { what: 'workingHours item' }));
    const start = parseClockTime(p.start);
    const end = parseClockTime(p.end);
    if (start === undefined) out.push(diag('calendar.bad-time', at + '/start', { value: String(p.start) }));
    if (end === undefined) out.push(diag('calendar.bad-time', at + '/end', { value: String(p.end) }));
    if (start === undefined || end === undefined) return;
    const span = { start: p.start, end: p.end };
    if (end <= start) out.push(diag('calendar.empty-period', at, span));
    else if (start < previousEnd) out.push(diag('calendar.overlapping-hours', at, span));
    previousEnd = Math.max(previousEnd, end);
  });
  return out;
}

/** Checks an optional list of YYYY-MM-DD dates. */
function checkDates(list: unknown, field: string): Diagnostic[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) return [diag('calendar.missing-field', pointer(field), { field })];
  return list.flatMap((d: unknown, i) =>
    parseLocalDate(d) === undefined ? [diag('calendar.bad-date', pointer(field, i), { value: String(d) })] : [],
  );
}

/** Warns about dates that are both closed and declared working (the closure wins). */
function checkConflicts(config: Obj): Diagnostic[] {
  const closures = Array.isArray(config.localClosures) ? config.localClosures : [];
  const extra = Array.isArray(config.extraWorkdays) ? config.extraWorkdays : [];
  return extra.flatMap((d: unknown, i) =>
    closures.includes(d) ? [diag('calendar.conflicting-day', pointer('extraWorkdays', i), { date: String(d) })] : [],
  );
}

/** Validates a county calendar config; returns diagnostics with JSON Pointer paths (empty when valid). */
export function validateCalendarConfig(config: unknown): Diagnostic[] {
  if (!isObject(config)) return [diag('calendar.not-object', '', { what: 'calendar config' })];
  const out: Diagnostic[] = [];
  if (typeof config.id !== 'string' || config.id === '') out.push(diag('calendar.missing-field', '/id', { field: 'id' }));
  const offset = config.utcOffsetMinutes;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < -720 || offset > 840) {
    out.push(diag('calendar.bad-offset', '/utcOffsetMinutes', { value: String(offset) }));
  }
  out.push(...checkWorkingHours(config.workingHours));
  out.push(...checkDates(config.localClosures, 'localClosures'), ...checkDates(config.extraWorkdays, 'extraWorkdays'));
  out.push(...checkConflicts(config));
  return out;
}
