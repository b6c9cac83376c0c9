/**
 * One step of a seed script (the engine's `SimScript` format) sent through the real command path:
 * acts go to the open task the actor holds (as the simulator picks it), events come from a user
 * or a source, adapter answers and sub-case outcomes answer the oldest open request, and `advance`
 * fires the case's timers due within the advance (the jobs runner, with the clock moved on).
 */
import type { CaseSnapshot, SimStep } from '@tongban/engine';
import type { Knex } from 'knex';
import type { CaseCommands } from '../cases/createCaseCommands.ts';
import type { KnexIdentityStore, UserRecord } from '../identity/KnexIdentityStore.ts';
import type { RunOptionsSource } from '../cases/createRunOptions.ts';
import type { TimerRunner } from '../jobs/createTimerRunner.ts';
import { sourceUser, type EventSource } from '../jobs/systemUsers.ts';
import { clampRefusedDates } from './rebaseDates.ts';
import { EventRefusedError } from '../errors/DomainError.ts';

/** What running a step needs. */
export interface StepDeps { knex: Knex; commands: CaseCommands; identity: KnexIdentityStore; runOptions: RunOptionsSource; timers: TimerRunner }

/** A case being seeded; `offset` is how far `advance` steps moved its clock past now. */
export interface SeedRun { caseId: string; orgPath: string; offset: number }

/** The label the simulator gives a step (used to match `refused` entries). */
export function stepLabel(s: SimStep): string {
  if ('act' in s) return `${s.by} ${s.act}`;
  if ('event' in s) return s.event;
  if ('adapter' in s) return `adapter ${s.adapter}`;
  if ('subcase' in s) return `subcase ${s.subcase}`;
  return 'advance' in s ? 'advance' : 'expect';
}

async function snapshotOf(knex: Knex, caseId: string): Promise<CaseSnapshot> {
  const row = (await knex('cases').where({ id: caseId }).first('snapshot')) as { snapshot: string };
  return JSON.parse(row.snapshot) as CaseSnapshot;
}

/**
 * The user a script names. Scripts may name a device (`device:dev-005`, an alarm box opening a
 * case): as in `simulate`, such an actor holds no roles; it is never stored and cannot log in.
 */
export async function userOf(d: Pick<StepDeps, 'identity'>, id: string): Promise<UserRecord> {
  const u = await d.identity.getUser(id);
  if (u) return u;
  if (/^(device|system|external):/.test(id)) return { id, username: id, name: id, orgPath: '/', disabled: true, roles: [] };
  throw new Error(`seed user not found: ${id}`);
}

/** The task an act targets, chosen as `simulate` chooses it. */
function taskFor(snap: CaseSnapshot, s: Extract<SimStep, { act: string }>): string {
  if (s.task) return s.task;
  const open = Object.values(snap.context.tasks).find((t) => (!s.state || t.state === s.state) && t.status === 'pending'
    && (t.assignee === s.by || (!t.assignee && t.candidates.includes(s.by))));
  const withdrawn = s.act === 'withdraw' ? [...snap.context.trail].reverse().find((t) => t.by === s.by)?.taskId : undefined;
  return open?.id ?? withdrawn ?? 'none';
}

async function act(d: StepDeps, run: SeedRun, s: Extract<SimStep, { act: string }>): Promise<void> {
  const taskId = taskFor(await snapshotOf(d.knex, run.caseId), s);
  const { act: action, by, state: _s, task: _t, at: _a, ...rest } = s;
  await d.commands.act(await userOf(d, by), run.caseId, { type: 'task.act', taskId, action, ...rest } as never);
}

async function event(d: StepDeps, run: SeedRun, s: Extract<SimStep, { event: string }>): Promise<void> {
  const user = s.by ? await userOf(d, s.by) : sourceUser((s.source ?? 'system') as EventSource, run.orgPath);
  await d.commands.act(user, run.caseId, { type: s.event, ...(s.data ? { data: s.data } : {}), ...(s.comment ? { comment: s.comment } : {}) } as never);
}

async function adapter(d: StepDeps, run: SeedRun, s: Extract<SimStep, { adapter: string }>): Promise<void> {
  const snap = await snapshotOf(d.knex, run.caseId);
  const requestId = Object.entries(snap.context.requests).find(([, r]) => r.operation === s.adapter)?.[0] ?? 'none';
  const answer = s.ok ? { type: 'adapter.succeeded', requestId, ...(s.output ? { output: s.output } : {}) } : { type: 'adapter.failed', requestId, error: { code: 'failed' } };
  await d.commands.act(sourceUser('external', run.orgPath), run.caseId, answer as never);
}

async function subcase(d: StepDeps, run: SeedRun, s: Extract<SimStep, { subcase: string }>): Promise<void> {
  const snap = await snapshotOf(d.knex, run.caseId);
  const childId = Object.entries(snap.context.subcases).find(([, x]) => x.definition === s.subcase && x.outcome === undefined)?.[0] ?? 'none';
  await d.commands.act(sourceUser('system', run.orgPath), run.caseId, { type: 'subcase.completed', childId, outcome: s.outcome } as never);
}

async function advance(d: StepDeps, run: SeedRun, s: Extract<SimStep, { advance: string }>): Promise<void> {
  const { calendar } = await d.runOptions.get();
  const now = Date.now();
  run.offset = calendar.add(now + run.offset, s.advance, 'natural') - now;
  await d.timers.runDue(now + run.offset, { caseId: run.caseId });
}

/** Runs one step; engine refusals surface as EventRefusedErrors. A refusal over a moved date is retried once with the date clamped. */
export async function runStep(d: StepDeps, run: SeedRun, s: SimStep): Promise<void> {
  try {
    return await runOnce(d, run, s);
  } catch (err) {
    const diagnostics = err instanceof EventRefusedError ? err.diagnostics : undefined;
    const retry = diagnostics && ('act' in s || 'event' in s) ? clampRefusedDates(s, diagnostics, Date.now()) : undefined;
    if (!retry) throw err;
    return runOnce(d, run, retry);
  }
}

async function runOnce(d: StepDeps, run: SeedRun, s: SimStep): Promise<void> {
  if ('act' in s) return act(d, run, s);
  if ('event' in s) return event(d, run, s);
  if ('adapter' in s) return adapter(d, run, s);
  if ('subcase' in s) return subcase(d, run, s);
  if ('advance' in s) return advance(d, run, s);
  // `expect` steps are checked once at the end, against the seed's final state.
}
