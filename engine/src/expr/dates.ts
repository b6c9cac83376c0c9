/**
 * Pure calendar arithmetic (proleptic Gregorian, no Date, no Intl).
 * Local time is China Standard Time (UTC+8, no daylight saving).
 */

/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;
/** UTC+8 offset in milliseconds. */
export const CST_OFFSET_MS = 8 * 3_600_000;

/** A wall-clock date and time. */
export interface CivilDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Days from 1970-01-01 to the given civil date (H. Hinnant's algorithm). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day count from 1970-01-01. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function daysInMonth(year: number, month: number): number {
  return daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function offsetMs(zone: string | undefined): number {
  if (zone === undefined) return CST_OFFSET_MS;
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

/**
 * Parses an ISO 8601 date or date-time to epoch milliseconds.
 * Without a zone designator the value is read as UTC+8 local time. Null when invalid.
 */
export function parseIso(s: string): { epochMs: number; dateOnly: boolean } | null {
  const m = ISO.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return null;
  const frac = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  const local = daysFromCivil(y, mo, d) * DAY_MS + ((h * 60 + mi) * 60 + sec) * 1000 + frac;
  return { epochMs: local - offsetMs(m[8]), dateOnly: m[4] === undefined };
}

/** Epoch ms (number) or ISO string (string) to epoch ms; null otherwise. */
export function toEpochMs(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  return parseIso(v)?.epochMs ?? null;
}

/** The UTC+8 wall-clock date and time of an instant. */
export function cstParts(epochMs: number): CivilDateTime {
  const local = epochMs + CST_OFFSET_MS;
  const days = Math.floor(local / DAY_MS);
  const minutes = Math.floor((local - days * DAY_MS) / 60_000);
  return { ...civilFromDays(days), hour: Math.floor(minutes / 60), minute: minutes % 60 };
}

/** The UTC+8 calendar day number (days since 1970-01-01) of an instant. */
export function cstDayNumber(epochMs: number): number {
  return Math.floor((epochMs + CST_OFFSET_MS) / DAY_MS);
}
