/**
 * A deadline as a county counts it: the due instant, the remaining (or overdue) time on the
 * SLA's own clock — working hours on working days with holidays and 调休, or 24x7 — and a status.
 * Pure: the caller passes the calendar and `now`, so the server and the workbench (which imports
 * the same engine calendar for its live countdowns) compute the same figures.
 */
import type { WorkCalendar } from '@tongban/engine';

/** How far along a deadline is. */
export const DeadlineStatus = { none: 'none', onTrack: 'on-track', atRisk: 'at-risk', overdue: 'overdue', paused: 'paused', done: 'done' } as const;
export type DeadlineStatus = (typeof DeadlineStatus)[keyof typeof DeadlineStatus];

type Clock = 'natural' | 'working' | 'urgent';

/** What a deadline is computed from. */
export interface DeadlineInput {
  dueAt: number | null;
  /** the 预警 instant (warnAt of the SLA on its clock); null when the SLA has no warning point */
  warnAt: number | null;
  clock: Clock | null;
  /** false once the task is done or cancelled, or the case closed */
  open: boolean;
  /** set when the clock is paused (挂账): the remaining time is frozen */
  paused?: { reason: { 'zh-CN': string; en: string }; remainingMs: number } | null;
}

/** A deadline as the API returns it. */
export interface Deadline {
  dueAt: number | null; warnAt: number | null; clock: Clock | null;
  /** the id of the county calendar the figures are counted on (the definition's `calendar`, else the default) */
  calendar: string;
  remainingMs: number | null; overdueMs: number | null; status: DeadlineStatus;
  pausedReason: { 'zh-CN': string; en: string } | null; computedAt: number;
}

/** Describes a deadline at `now`. */
export function describeDeadline(calendar: WorkCalendar, d: DeadlineInput, now: number): Deadline {
  const base = { dueAt: d.dueAt, warnAt: d.warnAt, clock: d.clock, calendar: calendar.id, remainingMs: null, overdueMs: null, pausedReason: null, computedAt: now };
  if (!d.open) return { ...base, status: DeadlineStatus.done };
  if (d.paused) return { ...base, status: DeadlineStatus.paused, remainingMs: d.paused.remainingMs, pausedReason: d.paused.reason };
  if (d.dueAt === null || d.clock === null) return { ...base, status: DeadlineStatus.none };
  if (now >= d.dueAt) return { ...base, status: DeadlineStatus.overdue, overdueMs: calendar.elapsed(d.dueAt, now, d.clock) };
  const status = d.warnAt !== null && now >= d.warnAt ? DeadlineStatus.atRisk : DeadlineStatus.onTrack;
  return { ...base, status, remainingMs: calendar.elapsed(now, d.dueAt, d.clock) };
}
