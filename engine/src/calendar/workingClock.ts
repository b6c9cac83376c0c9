/**
 * The `working` clock: time counts only inside office hours on working days.
 * Every loop walks one local day at a time (never minute by minute) and stops after
 * MAX_IDLE_DAYS days without a working day, so bad data cannot hang the engine.
 */
import { fail } from './guards.ts';
import type { DayRules } from './dayRules.ts';
import { formatLocalDate, MINUTE_MS, parseClockTime, type LocalFrame } from './localDate.ts';
import { MAX_IDLE_DAYS } from './limits.ts';
import type { CountyCalendarConfig, Interval } from './types.ts';

/** Working-time arithmetic for one county. */
export interface WorkingClock {
  /** Earliest instant at which `ms` of working time has elapsed since `start`. */
  addMs(start: number, ms: number): number;
  /** Working time inside [from, to). */
  elapsed(from: number, to: number): number;
  /** The first instant at or after `t` that lies inside office hours on a working day. */
  nextWorkingInstant(t: number): number;
  /** Same local clock time on the `n`th working day after the normalized start. */
  addWorkingDays(start: number, n: number): number;
}

interface Ctx {
  rules: DayRules;
  frame: LocalFrame;
  /** Office periods as ms offsets from local midnight. */
  periods: readonly Interval[];
}

/** Office hours as ms offsets from local midnight; assumes a validated config. */
export function officePeriods(hours: CountyCalendarConfig['workingHours']): Interval[] {
  const ms = (hhmm: string): number => (parseClockTime(hhmm) ?? 0) * MINUTE_MS;
  return hours.map((h) => ({ from: ms(h.start), to: ms(h.end) }));
}

/** The office periods of one local day as instants; none on a non-working day. */
function periodsOn(ctx: Ctx, day: number): Interval[] {
  if (!ctx.rules.isWorkingDay(day)) return [];
  const base = ctx.frame.dayStart(day);
  return ctx.periods.map((p) => ({ from: base + p.from, to: base + p.to }));
}

/** Counts consecutive days without office time and throws once the data is clearly wrong. */
function idleGuard(ctx: Ctx, origin: number): (working: boolean) => void {
  let idle = 0;
  return (working) => {
    idle = working ? 0 : idle + 1;
    if (idle > MAX_IDLE_DAYS) fail('calendar.no-working-day', { from: formatLocalDate(ctx.frame.dayOf(origin)), days: MAX_IDLE_DAYS });
  };
}

function addMs(ctx: Ctx, start: number, ms: number): number {
  if (ms === 0) return start;
  let remaining = ms;
  const guard = idleGuard(ctx, start);
  for (let day = ctx.frame.dayOf(start); ; day++) {
    const ps = periodsOn(ctx, day);
    guard(ps.length > 0);
    for (const p of ps) {
      const from = Math.max(start, p.from);
      if (from >= p.to) continue;
      // `<=` so a deadline that uses up a period exactly falls on its end (12:00, not 14:00).
      if (remaining <= p.to - from) return from + remaining;
      remaining -= p.to - from;
    }
  }
}

function elapsed(ctx: Ctx, from: number, to: number): number {
  let total = 0;
  let last = ctx.frame.dayOf(to);
  // `to` is exclusive: a span ending at midnight must not consult (and flag) the next day.
  if (ctx.frame.dayStart(last) === to) last--;
  for (let day = ctx.frame.dayOf(from); day <= last; day++) {
    for (const p of periodsOn(ctx, day)) total += Math.max(0, Math.min(to, p.to) - Math.max(from, p.from));
  }
  return total;
}

function nextWorkingInstant(ctx: Ctx, t: number): number {
  const guard = idleGuard(ctx, t);
  for (let day = ctx.frame.dayOf(t); ; day++) {
    const p = periodsOn(ctx, day).find((q) => q.to > t);
    if (p) return Math.max(t, p.from);
    guard(false);
  }
}

function addWorkingDays(ctx: Ctx, start: number, n: number): number {
  const first = nextWorkingInstant(ctx, start);
  let day = ctx.frame.dayOf(first);
  const timeOfDay = first - ctx.frame.dayStart(day);
  const guard = idleGuard(ctx, first);
  for (let left = n; left > 0; ) {
    day++;
    const working = ctx.rules.isWorkingDay(day);
    guard(working);
    if (working) left--;
  }
  return ctx.frame.dayStart(day) + timeOfDay;
}

/** Builds the working clock from day rules, a local frame and office periods (ms after midnight). */
export function createWorkingClock(rules: DayRules, frame: LocalFrame, periods: readonly Interval[]): WorkingClock {
  const ctx: Ctx = { rules, frame, periods };
  return {
    addMs: (start, ms) => addMs(ctx, start, ms),
    elapsed: (from, to) => elapsed(ctx, from, to),
    nextWorkingInstant: (t) => nextWorkingInstant(ctx, t),
    addWorkingDays: (start, n) => addWorkingDays(ctx, start, n),
  };
}
