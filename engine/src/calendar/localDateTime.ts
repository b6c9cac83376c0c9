/**
 * An ISO date-time as epoch ms, for the calendar: a value without an offset is local time in the
 * county's zone (`utcOffsetMinutes`), as a schedule written in a definition means it. The calendar
 * keeps its own parser (forms/instant.ts reads form values the same way) because the calendar sits
 * below forms and may import only diagnostics (engine/src/architecture.test.ts).
 */
import { DAY_MS, MINUTE_MS, parseLocalDate } from './localDate.ts';

const DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/i;

/** Epoch ms of `value`, or undefined when it is not a real date-time. */
export function parseLocalDateTime(value: string, utcOffsetMinutes: number): number | undefined {
  const m = DATE_TIME_RE.exec(value);
  if (!m) return undefined;
  const day = parseLocalDate(m[1]);
  const [h, mi, s] = [Number(m[2]), Number(m[3]), Number(m[4] ?? '0')];
  if (day === undefined || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = Math.floor(Number(`0.${m[5] ?? '0'}`) * 1000);
  const zone = m[6];
  let offset = utcOffsetMinutes;
  if (zone && zone.toUpperCase() === 'Z') offset = 0;
  else if (zone) offset = (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return day * DAY_MS + ((h * 60 + mi) * 60 + s) * 1000 + ms - offset * MINUTE_MS;
}
