/** Semantic checks of one year of national holiday data, so an admin-added year cannot corrupt deadlines. */
import { diag } from '../diagnostics/catalog.ts';
import { pointer, type Diagnostic } from '../diagnostics/Diagnostic.ts';
import { parseLocalDate, weekdayOf, yearOfDay } from './localDate.ts';

type Obj = Record<string, unknown>;

/** The longest national holiday is 9 days; a month catches typos such as a wrong year in `to`. */
const MAX_HOLIDAY_DAYS = 31;
type Range = { from: number; to: number };

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks one date field; warns when it lies outside the file's year (allowed: 元旦 can start on 12-30). */
function checkDate(value: unknown, at: string, year: number, out: Diagnostic[]): number | undefined {
  const day = parseLocalDate(value);
  if (day === undefined) out.push(diag('calendar.bad-date', at, { value: String(value) }));
  else if (yearOfDay(day) !== year) out.push(diag('calendar.date-outside-year', at, { date: value, year }));
  return day;
}

function checkSource(source: unknown, base: string, out: Diagnostic[]): void {
  const at = base + '/source';
  if (!isObject(source)) return void out.push(diag('calendar.missing-field', at, { field: 'source' }));
  if (typeof source.title !== 'string' || source.title === '') {
    out.push(diag('calendar.missing-field', at + '/title', { field: 'source.title' }));
  }
  if (parseLocalDate(source.published) === undefined) {
    out.push(diag('calendar.bad-date', at + '/published', { value: String(source.published) }));
  }
}

function checkHolidays(list: unknown, base: string, year: number, out: Diagnostic[]): Range[] {
  if (!Array.isArray(list)) {
    out.push(diag('calendar.missing-field', base + '/holidays', { field: 'holidays' }));
    return [];
  }
  const ranges: Range[] = [];
  list.forEach((h: unknown, i) => {
    const at = `${base}/holidays/${i}`;
    if (!isObject(h)) return void out.push(diag('calendar.not-object', at, { what: 'holiday' }));
    const name = h.name;
    if (!isObject(name) || typeof name['zh-CN'] !== 'string' || typeof name.en !== 'string') {
      out.push(diag('calendar.missing-field', at + '/name', { field: 'name' }));
    }
    const from = checkDate(h.from, at + '/from', year, out);
    const to = checkDate(h.to, at + '/to', year, out);
    if (from === undefined || to === undefined) return;
    const span = { from: h.from, to: h.to, maxDays: MAX_HOLIDAY_DAYS };
    if (to < from) out.push(diag('calendar.bad-range', at, span));
    else if (to - from + 1 > MAX_HOLIDAY_DAYS) out.push(diag('calendar.holiday-too-long', at, span));
    else ranges.push({ from, to });
  });
  return ranges;
}

function checkMakeUps(list: unknown, base: string, year: number, holidays: Range[], out: Diagnostic[]): void {
  if (!Array.isArray(list)) {
    out.push(diag('calendar.missing-field', base + '/makeUpWorkdays', { field: 'makeUpWorkdays' }));
    return;
  }
  list.forEach((m: unknown, i) => {
    const at = `${base}/makeUpWorkdays/${i}`;
    if (!isObject(m)) return void out.push(diag('calendar.not-object', at, { what: 'make-up workday' }));
    const day = checkDate(m.date, at + '/date', year, out);
    if (day === undefined) return;
    const wd = weekdayOf(day);
    if (wd !== 0 && wd !== 6) out.push(diag('calendar.makeup-not-weekend', at, { date: m.date }));
    if (holidays.some((r) => day >= r.from && day <= r.to)) out.push(diag('calendar.makeup-in-holiday', at, { date: m.date }));
  });
}

/** Validates one year of national holiday data; `base` is the JSON Pointer of the year in its container. */
export function validateNationalYear(data: unknown, base = ''): Diagnostic[] {
  if (!isObject(data)) return [diag('calendar.not-object', base, { what: 'holiday year' })];
  const year = data.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1900 || year > 9999) {
    return [diag('calendar.bad-year', base + '/year', { value: String(year) })];
  }
  const out: Diagnostic[] = [];
  checkSource(data.source, base, out);
  const holidays = checkHolidays(data.holidays, base, year, out);
  checkMakeUps(data.makeUpWorkdays, base, year, holidays, out);
  return out;
}

/** Validates a list of years: each year on its own, and no year given twice. */
export function validateNationalYears(years: unknown): Diagnostic[] {
  if (!Array.isArray(years)) return [diag('calendar.not-object', '', { what: 'holiday years list' })];
  const seen = new Set<unknown>();
  return years.flatMap((y: unknown, i) => {
    const found = validateNationalYear(y, pointer(i));
    const year = isObject(y) ? y.year : undefined;
    if (seen.has(year)) found.push(diag('calendar.duplicate-year', pointer(i, 'year'), { year }));
    seen.add(year);
    return found;
  });
}
