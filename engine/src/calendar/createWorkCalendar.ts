/** Composes day rules, the working clock and the 24x7 clocks into one WorkCalendar per county. */
import { nextMonthly } from './monthly.ts';
import { diag, hasErrors } from '../diagnostics/catalog.ts';
import { EngineError } from '../diagnostics/Diagnostic.ts';
import { createDayRules, type DayRules } from './dayRules.ts';
import { checkAmount, checkClock, checkInstant, fail, throwDiagnostic } from './guards.ts';
import { createLocalFrame, DAY_MS, parseLocalDate, type LocalFrame } from './localDate.ts';
import { MAX_SPAN_DAYS } from './limits.ts';
import { addNatural } from './naturalClock.ts';
import { parseDuration, timePartMs } from './parseDuration.ts';
import { normalizePauses } from './pauses.ts';
import { validateCalendarConfig } from './validateCalendarConfig.ts';
import { validateNationalYears } from './validateNationalYear.ts';
import { parseLocalDateTime } from './localDateTime.ts';
import { createWorkingClock, officePeriods, type WorkingClock } from './workingClock.ts';
import type { Clock, CountyCalendarConfig, Interval, NationalYear, WorkCalendar } from './types.ts';

interface Parts {
  frame: LocalFrame;
  rules: DayRules;
  working: WorkingClock;
}

/** Refuses to build a calendar from invalid data: a wrong deadline is worse than none. */
function assertValid(config: CountyCalendarConfig, years: readonly NationalYear[]): void {
  const yearFindings = validateNationalYears(years).map((d) => ({ ...d, path: '/years' + d.path }));
  const found = [...validateCalendarConfig(config), ...yearFindings];
  if (!hasErrors(found)) return;
  const summary = diag('calendar.invalid-config', '', { id: typeof config?.id === 'string' ? config.id : '?' });
  throw new EngineError(summary.code, summary.message.en, found);
}

function add({ frame, working }: Parts, start: number, duration: string, clock: Clock): number {
  checkInstant(start, 'start');
  checkClock(clock);
  const parsed = parseDuration(duration);
  if (!parsed.ok) return throwDiagnostic(parsed.diagnostic);
  const v = parsed.value;
  if (clock !== 'working') return addNatural(start, v, frame.offsetMs);
  if (v.years > 0 || v.months > 0) fail('calendar.unsupported-duration', { duration });
  // A working week is five working days, not seven: it means "a week of office work".
  const days = v.weeks * 5 + v.days;
  const afterDays = days > 0 ? working.addWorkingDays(start, days) : start;
  return working.addMs(afterDays, timePartMs(v));
}

function addMs({ working }: Parts, start: number, ms: number, clock: Clock): number {
  checkInstant(start, 'start');
  checkClock(clock);
  checkAmount(ms);
  return clock === 'working' ? working.addMs(start, ms) : start + ms;
}

/** Clock time inside [from, to) on one clock, without pauses. */
function span({ working }: Parts, from: number, to: number, clock: Clock): number {
  if (to <= from) return 0;
  if (to - from > MAX_SPAN_DAYS * DAY_MS) fail('calendar.duration-too-long', { duration: `${to - from} ms`, maxDays: MAX_SPAN_DAYS });
  return clock === 'working' ? working.elapsed(from, to) : to - from;
}

function elapsed(parts: Parts, from: number, to: number, clock: Clock, pauses: readonly Interval[] = []): number {
  checkInstant(from, 'from');
  checkInstant(to, 'to');
  checkClock(clock);
  const paused = normalizePauses(pauses, from, to).reduce((sum, p) => sum + span(parts, p.from, p.to, clock), 0);
  return span(parts, from, to, clock) - paused;
}

function fractionPoint(parts: Parts, start: number, due: number, fraction: number, clock: Clock): number {
  if (typeof fraction !== 'number' || !(fraction >= 0 && fraction <= 1)) fail('calendar.bad-fraction', { value: fraction });
  return addMs(parts, start, Math.round(elapsed(parts, start, due, clock) * fraction), clock);
}

function isWorkingDay({ rules }: Parts, localDate: string): boolean {
  const day = parseLocalDate(localDate);
  if (day === undefined) return fail('calendar.bad-date', { value: String(localDate) });
  return rules.isWorkingDay(day);
}

/** Creates the deadline calculator for a county; throws EngineError `calendar.invalid-config` on bad data. */
export function createWorkCalendar(config: CountyCalendarConfig, years: NationalYear[]): WorkCalendar {
  assertValid(config, years);
  const frame = createLocalFrame(config.utcOffsetMinutes);
  const rules = createDayRules(config, years);
  const parts: Parts = { frame, rules, working: createWorkingClock(rules, frame, officePeriods(config.workingHours)) };
  const periods = officePeriods(config.workingHours);
  return {
    id: config.id,
    isWorkingDay: (localDate) => isWorkingDay(parts, localDate),
    nextMonthly: (after, rule) => nextMonthly(frame, rules, periods, after, rule),
    startOfDay: (localDate) => {
      const day = parseLocalDate(localDate);
      return day === undefined ? undefined : frame.dayStart(day);
    },
    instantOf: (value) => (typeof value === 'string' ? parseLocalDateTime(value, config.utcOffsetMinutes) : undefined),
    add: (start, duration, clock) => add(parts, start, duration, clock),
    addMs: (start, ms, clock) => addMs(parts, start, ms, clock),
    elapsed: (from, to, clock, pauses) => elapsed(parts, from, to, clock, pauses),
    fractionPoint: (start, due, fraction, clock) => fractionPoint(parts, start, due, fraction, clock),
    unknownYears: () => rules.unknownYears(),
  };
}
