/** Shared body of the `<item>.scenarios.test.ts` files: run every scenario, then demand full coverage. */
import { describe, it, expect } from 'vitest';
import { loadDefinition, type Definition } from '@tongban/engine';
import { coverageGaps, runScenario, type ScenarioFile, type ScenarioRun } from '@tongban/examples';

/** Loads a definition that must be valid. */
export function mustLoad(json: unknown): Definition {
  const r = loadDefinition(json as object);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.path}`).join('\n'));
  return r.definition;
}

/** Declares one test per scenario and a coverage test over all of them. */
export function scenarioSuite(json: unknown, file: ScenarioFile): void {
  const def = mustLoad(json);
  const runs: ScenarioRun[] = [];
  describe(`${def.id} scenarios`, () => {
    it.each(file.scenarios.map((s) => [s.name, s] as const))('%s', (_name, s) => {
      const run = runScenario(def, s);
      runs.push(run);
      expect(run.problems).toEqual([]);
    });

    it('reaches every state, transition and reject-back decision (coverage)', () => {
      const all = runs.length === file.scenarios.length ? runs : file.scenarios.map((s) => runScenario(def, s));
      expect(coverageGaps(def, all)).toEqual({ states: [], transitions: [], jumps: [] });
    });
  });
}
