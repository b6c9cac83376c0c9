import type { State } from './state.ts';
import type { Ctx, Ev } from './types.ts';
import { COST_EXCEEDED } from './types.ts';

/** Why an evaluation stopped without a value. */
export type EvaluateFailure = 'expr.cost-exceeded' | 'expr.runtime-error';

/** A compiled guard: evaluate it many times against different data. */
export interface CompiledLogic {
  /** The result; null when a cost limit is hit or evaluation fails (never throws). */
  evaluate(data: unknown): unknown;
  /** The result, or why there is none. */
  evaluateSafe(data: unknown): { ok: true; value: unknown } | { ok: false; code: EvaluateFailure };
  /** Root data paths read by literal `var`/`missing`/`missing_some` paths (and `actor.roles` for `hasRole`). */
  vars: string[];
  /** Number of nodes in the expression. */
  size: number;
}

/** Wraps a compiled root closure with budgets and error handling. */
export function makeCompiled(root: Ev, st: State): CompiledLogic {
  const maxSteps = st.limits.maxSteps;
  const vars = [...st.vars];
  const run = (data: unknown): unknown => {
    const ctx: Ctx = { steps: maxSteps, root: data };
    return root(data, ctx);
  };
  return {
    vars,
    size: st.nodes,
    evaluate(data) {
      try {
        return run(data);
      } catch {
        return null;
      }
    },
    evaluateSafe(data) {
      try {
        return { ok: true, value: run(data) };
      } catch (e) {
        return { ok: false, code: e === COST_EXCEEDED ? 'expr.cost-exceeded' : 'expr.runtime-error' };
      }
    },
  };
}
