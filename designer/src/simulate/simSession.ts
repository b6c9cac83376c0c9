/**
 * A simulation in the browser is a SimScript that grows with each click (start, act, event,
 * advance). Every change re-runs the script through the engine's own `simulate`, the code the
 * server runs when a saved scenario is replayed on publish, so what the admin saw is what is checked.
 */
import { compile, createDirectory, createWorkCalendar, simulate, type CaseSnapshot, type Definition, type DirectoryData, type Effect, type SimResult, type SimScript, type SimStep, type WorkCalendar } from '@tongban/engine';
import { countyCalendars, countyDefault, nationalYears } from '@tongban/definitions/calendars';

let calendar: WorkCalendar | undefined;
/** The county calendar (2025 and 2026 national holidays and 调休 make-up days, county office hours). */
export function countyCalendar(): WorkCalendar {
  calendar ??= createWorkCalendar(countyDefault as never, nationalYears as never);
  return calendar;
}

let byId: Record<string, WorkCalendar> | undefined;
/** Every shipped county calendar by id (the ones a definition's `calendar` may name), as the server has them. */
export function countyCalendarsById(): Record<string, WorkCalendar> {
  byId ??= Object.fromEntries(countyCalendars.map((c) => [c.id, c.id === countyDefault.id ? countyCalendar() : createWorkCalendar(c as never, nationalYears as never)]));
  return byId;
}

export interface SimView {
  result: SimResult;
  /** the simulated clock after the last step */
  now: number;
  final: CaseSnapshot;
  openTasks: Array<{ id: string; state: string; assignee?: string; candidates: string[]; status: string }>;
  timers: Array<{ id: string; purpose: string; dueAt: number; clock: string }>;
  effects: Array<{ step: number; label: string; at: number; effect: Effect }>;
}

/** Runs a script and derives what the panel shows. */
export function runScript(def: Definition, script: SimScript, dir: DirectoryData): SimView {
  const cal = countyCalendar();
  const result = simulate(compile(def), script, { calendar: cal, calendars: countyCalendarsById(), directory: createDirectory(dir) }, dir);
  let now = Date.parse(script.case.at);
  for (const s of script.steps) {
    if ('advance' in s) now = cal.add(now, s.advance, 'natural');
    else if ('at' in s && s.at) now = s.at.startsWith('+') ? cal.add(now, s.at.slice(1), 'natural') : Date.parse(s.at);
    else if (!('expect' in s)) now += 1000;
  }
  const ctx = result.final.context;
  return {
    result, now, final: result.final,
    openTasks: Object.entries(ctx.tasks).filter(([, t]) => t.status === 'pending' || t.status === 'waiting' || t.status === 'delegated')
      .map(([id, t]) => ({ id, state: t.state, assignee: t.assignee, candidates: t.candidates, status: t.status })),
    timers: Object.entries(ctx.timers).map(([id, t]) => ({ id, purpose: t.purpose, dueAt: t.dueAt, clock: t.clock })).sort((a, b) => a.dueAt - b.dueAt),
    effects: result.records.flatMap((r) => r.effects.map((effect) => ({ step: r.index, label: r.label, at: r.at, effect }))),
  };
}

/** A script with one more step. */
export const withStep = (script: SimScript, step: SimStep): SimScript => ({ ...script, steps: [...script.steps, step] });

/** A script without its last step (undo in the simulator). */
export const withoutLast = (script: SimScript): SimScript => ({ ...script, steps: script.steps.slice(0, -1) });
