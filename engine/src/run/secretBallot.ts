/**
 * 无记名投票: a vote step whose `vote.secretField` is true in the case data keeps each voter's
 * choice out of what people read (the runtime's timeline and trail show "voted"); the step's
 * outcome is still public. Pure, for the runtime's views.
 */
import type { Definition, StateSpec, TaskSpec } from '../definition/types.ts';

/** The decision recorded in place of a secret ballot's choice (trail, task row, audit). */
export const SECRET_DECISION = 'voted';

/** Whether this vote step's ballot is secret for the case data. */
export function isSecretBallot(spec: TaskSpec | undefined, data: Record<string, unknown>): boolean {
  const field = spec?.mode === 'vote' ? spec.vote?.secretField : undefined;
  return Boolean(field && data[field.replace(/^data\./, '')] === true);
}

function walk(states: Record<string, StateSpec> | undefined, prefix: string, data: Record<string, unknown>, out: Set<string>): void {
  for (const [id, st] of Object.entries(states ?? {})) {
    if (isSecretBallot(st.task, data)) out.add(prefix + id);
    walk(st.states, prefix + id + '.', data, out);
  }
}

/** The vote states (dot paths, as tasks name them) whose ballot is secret for this case data. */
export function secretBallotStates(def: Definition, data: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  walk(def.states, '', data, out);
  return out;
}
