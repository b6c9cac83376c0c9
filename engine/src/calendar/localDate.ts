/**
 * Pure civil-date arithmetic. A "day" is a day number: whole days since 1970-01-01 in local
 * time. Only explicit-argument `Date` calls are used, so nothing reads the host clock or zone.
 */

/** Milliseconds in a (local) day; a fixed offset has no DST, so every day is 24 h. */
export const DAY_MS = 86_400_000;
/** Milliseconds in a minute. */
export const MINUTE_MS = 60_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** UTC midnight of a civil date in ms; setUTCFullYear avoids Date.UTC mapping years 0–99 to 19xx. */
export function civilToMs(year: number, month0: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month0, day);
  return d.getTime();
}

/** Number of days in a month (month0 is 0-based). */
export function daysInMonth(year: number, month0: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(civilToMs(year, month0 + 1, 0)).getUTCDate();
}

/** Day number of a 'YYYY-MM-DD' string, or undefined if it is not a real date. */
export function parseLocalDate(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = DATE_RE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month - 1)) return undefined;
  return civilToMs(year, month - 1, day) / DAY_MS;
}

/** 'YYYY-MM-DD' of a day number. */
export function formatLocalDate(day: number): string {
  const d = new Date(day * DAY_MS);
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** Day of the week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Civil year a day number falls in. */
export function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** Minutes after midnight of an 'HH:MM' clock time; '24:00' is allowed so a period can end at midnight. */
export function parseClockTime(text: unknown): number | undefined {
  if (text === '24:00') return 24 * 60;
  if (typeof text !== 'string') return undefined;
  const m = TIME_RE.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Maps instants to local days for one fixed UTC offset. */
export interface LocalFrame {
  /** Offset from UTC in ms. */
  readonly offsetMs: number;
  /** The local day number an instant falls on. */
  dayOf(t: number): number;
  /** The instant at which a local day starts (local midnight). */
  dayStart(day: number): number;
}

/** A LocalFrame for a fixed offset such as China's UTC+8 (480 minutes). */
export function createLocalFrame(utcOffsetMinutes: number): LocalFrame {
  const offsetMs = utcOffsetMinutes * MINUTE_MS;
  return {
    offsetMs,
    dayOf: (t) => Math.floor((t + offsetMs) / DAY_MS),
    dayStart: (day) => day * DAY_MS - offsetMs,
  };
}
