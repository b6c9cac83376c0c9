/** Calendar arithmetic on ISO strings without the host clock or time zone (the engine is pure). */
import { daysFromCivil } from '../expr/dates.ts';

export { daysFromCivil };

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/i;

/** A YYYY-MM-DD string as a day number (days since 1970-01-01), or undefined when it is not a real date. */
export function parseLocalDate(value: string): number | undefined {
  const m = DATE_RE.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return daysFromCivil(y, mo, d);
}

/**
 * An ISO date-time as epoch ms. A value without an offset is read in `utcOffsetMinutes`
 * (China: +08:00), because that is what a form filled in a county office means.
 */
export function parseDateTime(value: string, utcOffsetMinutes: number): number | undefined {
  const m = DATE_TIME_RE.exec(value);
  if (!m) return undefined;
  const day = parseLocalDate(`${m[1]}-${m[2]}-${m[3]}`);
  const [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? '0')];
  if (day === undefined || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  const zone = m[8];
  let offset = utcOffsetMinutes;
  if (zone && zone.toUpperCase() === 'Z') offset = 0;
  else if (zone) offset = (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return ((day * 24 + h) * 60 + mi) * 60_000 + s * 1000 + ms - offset * 60_000;
}

/** The local day number of an instant at a fixed UTC offset. */
export function localDayOf(epochMs: number, utcOffsetMinutes: number): number {
  return Math.floor((epochMs + utcOffsetMinutes * 60_000) / 86_400_000);
}

/** A small ISO 8601 duration (PnDTnHnMnS, no years or months) in ms, or undefined. */
export function durationMs(value: string): number | undefined {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value);
  if (!m || value === 'P' || value.endsWith('T')) return undefined;
  const n = (i: number): number => Number(m[i] ?? '0');
  return ((((n(1) * 7 + n(2)) * 24 + n(3)) * 60 + n(4)) * 60 + n(5)) * 1000;
}
