import { describe, it, expect } from 'vitest';
import { loadDefinition } from '@tongban/engine';
import { serviceItems } from '@tongban/definitions/service-items';
import { runScenario } from './scenarios/runScenario.ts';
import { seedCases } from './index.ts';

describe('seed cases', () => {
  it('cover every service item and end in varied states', () => {
    expect(new Set(seedCases.map((s) => s.definition))).toEqual(new Set(Object.keys(serviceItems)));
    expect(new Set(seedCases.map((s) => JSON.stringify(s.state))).size).toBeGreaterThanOrEqual(12);
  });

  it.each(seedCases.map((s) => [s.id, s] as const))('%s is driven through the engine to its state', (_id, seed) => {
    const r = loadDefinition(serviceItems[seed.definition] as object);
    if (!r.ok) throw new Error(seed.definition);
    const run = runScenario(r.definition, { name: seed.id, title: seed.title, script: seed.script, final: seed.state, refused: seed.refused });
    expect(run.problems).toEqual([]);
  });
});
