/**
 * What a definition's decisions mean, independent of running: a decision's kind (declared, or
 * inferred from its name), the first decision of a kind, and the names no decision may take
 * because the engine's task operations use them.
 */
import type { DecisionKind, DecisionSpec, TaskSpec } from './types.ts';
import { TaskOps } from './types.ts';

/** Task actions that are not decisions: a decision with one of these names could never be taken. */
export const ReservedActionNames: readonly string[] = ['open', 'claim', 'unclaim', ...TaskOps];

/** The kind of a decision: declared, or inferred from its name. */
export function decisionKind(name: string, spec: DecisionSpec | undefined): DecisionKind {
  if (spec?.kind) return spec.kind;
  if (name === 'approve' || name === 'reject' || name === 'return' || name === 'abstain') return name;
  return 'other';
}

/** The first decision of a kind in declaration order. */
export function firstOfKind(task: TaskSpec, kind: DecisionKind): string | undefined {
  return Object.keys(task.decisions).find((n) => decisionKind(n, task.decisions[n]) === kind);
}
