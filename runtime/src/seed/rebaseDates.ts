/**
 * Seed scripts are written at a fixed date (e.g. 2025-03-04); the command path stamps events with
 * the real now, and forms check dates against it (议事会日期 not past, 发现时间 not future, and an
 * appointment two hours after an alarm). So the script's dates move by the time between its start
 * and now (whole minutes, never past now): every date keeps its distance from the start. Date-only
 * values move by whole days. Only dates within a year of the start move: a birth date is a fact.
 */
import type { SimScript } from '@tongban/engine';

const DAY = 86_400_000;
const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function offsetMinutes(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}

/** Shifts one ISO date-time by `deltaMs` (a date by whole days), keeping its form and zone; other strings stay. */
export function shiftDate(value: string, deltaMs: number, anchor: number): string {
  const zone = dateTime.exec(value)?.[1];
  const t = Date.parse(zone ? value : `${value}T00:00:00Z`);
  if ((!zone && !dateOnly.test(value)) || !Number.isFinite(t) || Math.abs(t - anchor) > 366 * DAY) return value;
  if (!zone) return new Date(t + Math.round(deltaMs / DAY) * DAY).toISOString().slice(0, 10);
  const local = new Date(t + deltaMs + offsetMinutes(zone) * 60_000).toISOString().slice(0, 19);
  return local + zone;
}

function walk(v: unknown, f: (s: string) => string): unknown {
  if (typeof v === 'string') return f(v);
  if (Array.isArray(v)) return v.map((x) => walk(x, f));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, f)]));
  return v;
}

/** The script with its data dates moved so that its start is `now` (to the minute, not after it). */
export function rebaseScript(script: SimScript, now: number): SimScript {
  const anchor = Date.parse(script.case.at);
  const delta = Number.isFinite(anchor) ? Math.max(0, Math.floor((now - anchor) / 60_000) * 60_000) : 0;
  const f = (s: string) => shiftDate(s, delta, anchor);
  return { case: { ...script.case, data: walk(script.case.data ?? {}, f) as Record<string, unknown> }, steps: script.steps.map((s) => walk(s, f) as typeof s) };
}

type Diag = { code: string; path: string };

/**
 * A step refused only because a moved date fell on the wrong side of now (the script's own minutes
 * are not always consistent with real time: an 办结时间 six hours after the report, sent at once):
 * the offending data fields set to now, or undefined when the refusal is about something else.
 */
export function clampRefusedDates<S extends { data?: Record<string, unknown> }>(step: S, diagnostics: Diag[], now: number): S | undefined {
  const bounds = diagnostics.filter((d) => d.code === 'forms.not-future' || d.code === 'forms.not-past');
  if (!bounds.length || bounds.length !== diagnostics.length || !step.data) return undefined;
  const data = { ...step.data };
  for (const d of bounds) {
    const field = /^\/data\/([^/]+)$/.exec(d.path)?.[1];
    if (!field || typeof data[field] !== 'string') return undefined;
    const iso = new Date(now + (d.code === 'forms.not-past' ? 3_600_000 : -60_000)).toISOString();
    data[field] = dateOnly.test(data[field] as string) ? iso.slice(0, 10) : iso;
  }
  return { ...step, data };
}
