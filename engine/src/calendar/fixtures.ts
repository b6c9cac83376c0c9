/** Test fixtures: the shipped calendar data and readable local (UTC+8) times. Used only by *.test.ts. */
import { countyDefault, nationalYears } from '@tongban/definitions/calendars';
import { EngineError } from '../diagnostics/Diagnostic.ts';
import { createWorkCalendar } from './createWorkCalendar.ts';
import { DAY_MS, formatLocalDate, MINUTE_MS, parseLocalDate } from './localDate.ts';
import type { CountyCalendarConfig, NationalYear, WorkCalendar } from './types.ts';

const OFFSET_MS = 480 * MINUTE_MS;

/** The default county config, typed for the engine. */
export const defaultConfig: CountyCalendarConfig = countyDefault;
/** The shipped national years (2025, 2026). */
export const shippedYears: NationalYear[] = nationalYears;

/** A fresh calendar (so unknownYears() starts empty) from the shipped data, with optional overrides. */
export function calendar(overrides: Partial<CountyCalendarConfig> = {}, years = shippedYears): WorkCalendar {
  return createWorkCalendar({ ...defaultConfig, ...overrides }, years);
}

/** Epoch ms of a China local time written 'YYYY-MM-DD HH:MM' (or with ':SS'). */
export function at(local: string): number {
  const m = /^(\S+) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  const day = m ? parseLocalDate(m[1]) : undefined;
  if (!m || day === undefined) throw new Error(`bad local time ${local}`);
  return day * DAY_MS + (Number(m[2]) * 60 + Number(m[3])) * MINUTE_MS + Number(m[4] ?? 0) * 1000 - OFFSET_MS;
}

/** China local time of an instant as 'YYYY-MM-DD HH:MM' (':SS' appended when not zero). */
export function show(t: number): string {
  const local = t + OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  const secs = Math.round((local - day * DAY_MS) / 1000);
  const hh = String(Math.floor(secs / 3600)).padStart(2, '0');
  const mm = String(Math.floor((secs % 3600) / 60)).padStart(2, '0');
  const ss = secs % 60 ? ':' + String(secs % 60).padStart(2, '0') : '';
  return `${formatLocalDate(day)} ${hh}:${mm}${ss}`;
}

/** Milliseconds in an hour. */
export const HOUR = 3_600_000;

/** The code of the EngineError `fn` throws, or undefined if it returns (any other throw fails the test). */
export function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof EngineError) return e.code;
    throw e;
  }
  return undefined;
}
