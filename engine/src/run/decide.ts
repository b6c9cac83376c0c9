/**
 * Task-mode semantics: how one handler's decision moves a step. Single and sequence (依次) go slot
 * by slot; all (会签, optionally by ratio), any (或签) and vote (票签, weighted, threshold) aggregate.
 * Returns the step's outcome (a decision name) once it is decided, else undefined.
 */
import type { TaskSpec } from '../definition/types.ts';
import type { CaseContext, StepState } from './context.ts';
import type { Env } from './env.ts';
import { decisionKind, firstOfKind } from '../definition/decisions.ts';
import { createSlotTask } from './tasks.ts';
import type { Effect, TaskRecord } from './types.ts';
import { decideOptions } from './voteOptions.ts';

function counts(spec: TaskSpec, step: StepState) {
  let approve = 0;
  let reject = 0;
  let abstain = 0;
  for (const d of Object.values(step.decisions)) {
    const k = decisionKind(d, spec.decisions[d]);
    if (k === 'approve') approve++;
    else if (k === 'reject') reject++;
    else if (k === 'abstain') abstain++;
  }
  return { approve, reject, abstain };
}

/** Countersign: pass at ceil(ratio × signers) approvals; fail once that is out of reach. */
function decideAll(spec: TaskSpec, step: StepState, last: string): string | undefined {
  const n = step.order.length;
  const need = Math.ceil((spec.passRatio ?? 1) * n - 1e-9);
  const c = counts(spec, step);
  if (c.approve >= need) return decisionKind(last, spec.decisions[last]) === 'approve' ? last : firstOfKind(spec, 'approve');
  if (n - c.reject - c.abstain < need) return decisionKind(last, spec.decisions[last]) === 'reject' ? last : firstOfKind(spec, 'reject') ?? last;
  return undefined;
}

/** Or-sign: the first approval decides; a rejection decides at once only when configured, else when all reject. */
function decideAny(spec: TaskSpec, step: StepState, last: string): string | undefined {
  const kind = decisionKind(last, spec.decisions[last]);
  if (kind === 'approve') return last;
  if (kind !== 'reject') return undefined;
  if (spec.firstRejectDecides) return last;
  return Object.keys(step.decisions).length >= step.order.length ? last : undefined;
}

/** The vote's turnout: the weight that has voted (abstentions included) against the whole electorate's. */
export function voteTurnout(spec: TaskSpec, step: StepState): { cast: number; all: number; met: boolean } {
  let all = 0;
  let cast = 0;
  for (const user of step.order) {
    const w = step.weights[user] ?? 1;
    all += w;
    if (step.decisions[user]) cast += w;
  }
  const quorum = spec.vote?.quorum;
  return { cast, all, met: quorum === undefined || (all > 0 && cast / all >= quorum - 1e-9) };
}

/**
 * Vote: weighted for / total reaches the threshold (or > with strict) and the turnout reaches the
 * quorum (法定人数); fails once the threshold is out of reach. Short of the quorum it stays open: the
 * deadline decides (`onNoQuorum`).
 */
function decideVote(ctx: CaseContext, spec: TaskSpec, step: StepState, last: string): string | undefined {
  if (spec.vote?.options) return decideOptions(ctx, spec, step);
  const vote = spec.vote ?? { threshold: 0.5 };
  let total = 0;
  let forW = 0;
  let decided = 0;
  for (const user of step.order) {
    const w = step.weights[user] ?? 1;
    const d = step.decisions[user];
    const k = d ? decisionKind(d, spec.decisions[d]) : undefined;
    if (k === 'abstain' && (vote.abstain ?? 'exclude') === 'exclude') continue;
    total += w;
    if (k === 'approve') forW += w;
    if (d) decided += w;
  }
  const pass = (f: number) => (total === 0 ? false : vote.strict ? f / total > vote.threshold : f / total >= vote.threshold);
  if (pass(forW) && voteTurnout(spec, step).met) return firstOfKind(spec, 'approve');
  if (!pass(forW + (total - decided))) return firstOfKind(spec, 'reject') ?? last;
  return undefined;
}

/** Single and sequence: an approval moves to the next slot; anything else decides. */
function decideSequence(ctx: CaseContext, env: Env, stateId: string, spec: TaskSpec, step: StepState, last: string, out: Effect[]): string | undefined {
  if (decisionKind(last, spec.decisions[last]) !== 'approve') return last;
  if (step.index + 1 >= step.order.length) return last;
  step.index += 1;
  createSlotTask(ctx, env, stateId, step, step.trace ?? { rule: spec.assignee, candidates: [], why: [] }, out);
  return undefined;
}

/** Records a handler's decision on a task and returns the step outcome, if reached. */
export function applyDecision(ctx: CaseContext, env: Env, task: TaskRecord, decision: string, actor: string, weight: number | undefined, out: Effect[]): string | undefined {
  const spec = env.compiled.model.states.get(task.state)!.spec.task!;
  const prev = ctx.steps[task.state];
  if (!prev) return decision;
  const step: StepState = { ...prev, decisions: { ...prev.decisions }, weights: { ...prev.weights } };
  ctx.steps[task.state] = step;
  const who = task.assignee ?? actor;
  step.decisions[who] = decision;
  if (weight !== undefined) step.weights[who] = weight;
  const kind = decisionKind(decision, spec.decisions[decision]);
  const mode = spec.mode ?? 'single';
  if (kind === 'other' || kind === 'return') return decision;
  if (mode === 'all') return decideAll(spec, step, decision);
  if (mode === 'any') return decideAny(spec, step, decision);
  if (mode === 'vote') return decideVote(ctx, spec, step, decision);
  return decideSequence(ctx, env, task.state, spec, step, decision, out);
}

/** Re-evaluates an aggregating step after signers were removed (减签 may complete it). */
export function recheckStep(ctx: CaseContext, env: Env, stateId: string): string | undefined {
  const spec = env.compiled.model.states.get(stateId)!.spec.task!;
  const step = ctx.steps[stateId];
  if (!step) return undefined;
  const last = Object.values(step.decisions).slice(-1)[0];
  if (!last) return undefined;
  if (spec.mode === 'all') return decideAll(spec, step, last);
  if (spec.mode === 'vote') return decideVote(ctx, spec, step, last);
  if (spec.mode === 'any') return decideAny(spec, step, last);
  return undefined;
}
