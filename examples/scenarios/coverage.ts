/** Which states, transitions and reject-back decisions of an item no scenario reached. */
import { compile, type Definition } from '@tongban/engine';
import type { ScenarioRun } from './runScenario.ts';

export interface CoverageGaps {
  states: string[];
  transitions: string[];
  jumps: string[];
}

/** The gaps left by a set of runs (all empty = full coverage). */
export function coverageGaps(def: Definition, runs: ScenarioRun[]): CoverageGaps {
  const model = compile(def).model;
  const visited = new Set(runs.flatMap((r) => [...r.visited]));
  const taken = new Set(runs.flatMap((r) => [...r.taken]));
  const jumped = new Set(runs.flatMap((r) => [...r.jumps]));
  const jumps: string[] = [];
  for (const id of model.humanStates) {
    for (const [name, d] of Object.entries(model.states.get(id)!.spec.task!.decisions)) if (d.to && !jumped.has(`${id}/${name}`)) jumps.push(`${id}/${name}`);
  }
  return {
    states: [...model.states.keys()].filter((id) => !visited.has(id)),
    transitions: model.transitions.map((t) => t.path).filter((p) => !taken.has(p)),
    jumps,
  };
}
