/** Creating a human step's tasks on entry, per task mode, with SLA timers and the assignment trace. */
import { decisionKind, firstOfKind } from '../definition/decisions.ts';
import type { TaskSpec } from '../definition/types.ts';
import { resolveAssignment } from './assign.ts';
import type { CaseContext, StepPayload, StepState } from './context.ts';
import { nextId } from './context.ts';
import type { Env } from './env.ts';
import { startSla } from './sla.ts';
import { TimerOwners } from './timerOwners.ts';
import type { AssignmentTrace, Effect, TaskRecord } from './types.ts';

/** Countersign, or-sign and vote steps: their signers act together. */
export function isAggregating(spec: TaskSpec): boolean {
  return spec.mode === 'all' || spec.mode === 'any' || spec.mode === 'vote';
}

/** True when the step's SLA is one deadline for the whole step (the default for countersign, or-sign and vote). */
export function hasStepSla(spec: TaskSpec): boolean {
  return Boolean(spec.sla) && (spec.sla!.per ?? (isAggregating(spec) ? 'step' : 'task')) === 'step';
}

/** A voter's weight: the largest weight among their roles (1 when none is listed). */
export function weightFor(task: TaskSpec, roles: string[]): number {
  const weights = task.vote?.weights;
  if (!weights) return 1;
  const found = roles.map((r) => weights[r]).filter((w): w is number => typeof w === 'number');
  return found.length ? Math.max(...found) : 1;
}

const decisionLists = new WeakMap<object, Extract<Effect, { kind: 'task.create' }>['decisions']>();

/** The decision list a task.create effect carries; built once per step spec (it never changes). */
function decisionList(env: Env, stateId: string): Extract<Effect, { kind: 'task.create' }>['decisions'] {
  const spec = env.compiled.model.states.get(stateId)!.spec.task!;
  let list = decisionLists.get(spec);
  if (!list) {
    list = Object.entries(spec.decisions).map(([name, d]) => ({ name, kind: decisionKind(name, d), requires: d.requires ?? [] }));
    decisionLists.set(spec, list);
  }
  return list;
}

export interface NewTask {
  assignee?: string;
  candidates: string[];
  trace: AssignmentTrace;
  delegatedFrom?: string;
  added?: boolean;
  seqIndex?: number;
}

/** Creates one task record and its effects (task.create, SLA timers). */
export function createTask(ctx: CaseContext, env: Env, stateId: string, n: NewTask, out: Effect[]): TaskRecord {
  const info = env.compiled.model.states.get(stateId)!;
  const spec = info.spec.task!;
  const [id, seq] = nextId(ctx, 't');
  ctx.seq = seq;
  const group = n.trace.group;
  const task: TaskRecord = {
    id, state: stateId, status: 'pending', candidates: n.candidates, createdAt: env.meta.at,
    ...(n.assignee ? { assignee: n.assignee } : {}), ...(group ? { group } : {}),
    ...(n.delegatedFrom ? { delegatedFrom: n.delegatedFrom } : {}), ...(n.added ? { added: true } : {}),
    ...(n.seqIndex !== undefined ? { seqIndex: n.seqIndex } : {}),
  };
  if (spec.mode === 'vote') {
    task.weight = weightFor(spec, n.trace.group ? [n.trace.group.role] : []);
    const st = ctx.steps[stateId];
    if (st && n.assignee) st.weights = { ...st.weights, [n.assignee]: task.weight };
  }
  ctx.tasks[id] = task;
  let dueAt: number | undefined;
  // a step-level deadline was started once on entry: every task of the step shows it and owns no timer
  if (hasStepSla(spec)) dueAt = ctx.steps[stateId]?.dueAt;
  else if (spec.sla) dueAt = startSla(ctx, env, spec.sla, info.path + '/task/sla', TimerOwners.task(id, stateId), out).dueAt;
  out.push({
    kind: 'task.create', taskId: id, state: stateId,
    title: spec.title ?? info.spec.title ?? { 'zh-CN': stateId, en: stateId },
    mode: spec.mode ?? 'single', assignment: { ...n.trace, candidates: n.candidates, ...(n.assignee ? { assignee: n.assignee } : {}) },
    ...(spec.form ? { form: spec.form } : {}), fields: spec.fields ?? {},
    decisions: decisionList(env, stateId),
    ...(dueAt !== undefined ? { dueAt } : {}), priority: spec.priority ?? 'normal',
    ...(n.delegatedFrom ? { delegatedFrom: n.delegatedFrom } : {}),
  });
  return task;
}

/** Creates the task for slot `index` of a sequence (a '' slot is the group's claimable task). */
export function createSlotTask(ctx: CaseContext, env: Env, stateId: string, step: StepState, trace: AssignmentTrace, out: Effect[]): void {
  const slot = step.order[step.index] ?? '';
  const candidates = slot ? [slot] : trace.candidates;
  const assignee = slot || (candidates.length === 1 ? candidates[0] : undefined);
  createTask(ctx, env, stateId, { assignee, candidates, trace, added: step.added.includes(slot), seqIndex: step.index }, out);
}

/**
 * Enters a human step: resolves the assignment and creates the tasks of its mode.
 * Returns a decision name when a policy (auto-pass / auto-reject) decides the step at once.
 */
export function enterHumanStep(ctx: CaseContext, p: StepPayload, stateId: string, out: Effect[]): string | undefined {
  const env = p.env;
  const spec = env.compiled.model.states.get(stateId)!.spec.task!;
  const res = resolveAssignment(ctx, env, spec);
  if (res.refusals?.length) {
    p.refusals.push(...res.refusals);
    return undefined;
  }
  const mode = spec.mode ?? 'single';
  if (res.auto) {
    out.push({ kind: 'audit', action: `task.${res.auto}`, detail: { state: stateId, why: res.trace.why } });
    return firstOfKind(spec, res.auto === 'auto-pass' ? 'approve' : 'reject') ?? Object.keys(spec.decisions)[0];
  }
  const parallel = isAggregating(spec);
  const order = parallel || mode === 'sequence' ? res.order : [res.trace.assignee ?? (res.trace.candidates.length === 1 ? res.trace.candidates[0]! : '')];
  const step: StepState = { order, index: 0, decisions: {}, weights: {}, added: [], trace: res.trace, ...(res.groups ? { groups: res.groups } : {}) };
  ctx.steps[stateId] = step;
  if (hasStepSla(spec)) {
    const info = env.compiled.model.states.get(stateId)!;
    step.dueAt = startSla(ctx, env, spec.sla!, info.path + '/task/sla', TimerOwners.step(stateId), out).dueAt;
  }
  if (parallel) {
    // with several rules combined, each signer's task belongs to the group (role@org) of the rule that named them
    for (const user of order) createTask(ctx, env, stateId, { assignee: user, candidates: [user], trace: res.groups?.[user] ? { ...res.trace, group: res.groups[user] } : res.trace }, out);
  } else {
    createSlotTask(ctx, env, stateId, step, res.trace, out);
  }
  return undefined;
}
