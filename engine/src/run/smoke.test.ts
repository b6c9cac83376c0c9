import { describe, expect, it } from 'vitest';
import def from './fixtures/approval.json' with { type: 'json' };
import { loadDefinition } from '../definition/load.ts';
import { compile } from '../compile/compile.ts';
import { start, step } from './step.ts';
import { act, actor, grid, testOptions } from './testkit.ts';

const t0 = Date.UTC(2026, 2, 2, 1, 0); // Mon 2026-03-02 09:00 +08:00

describe('smoke', () => {
  it('runs', () => {
    const loaded = loadDefinition(def);
    expect(loaded.diagnostics).toEqual([]);
    if (!loaded.ok) return;
    const c = compile(loaded.definition);
    const opts = testOptions();
    const s0 = start(c, { caseId: 'c1', orgPath: grid, data: {}, meta: { at: t0, id: 'e0', actor: actor('gw1') } }, opts);
    console.log(JSON.stringify(s0.snapshot.value), s0.effects);
    const task = Object.keys(s0.snapshot.context.tasks)[0]!;
    const s1 = step(c, s0.snapshot, act(task, 'submit', 'gw1', t0 + 1000, { data: { amount: 5000 } }), opts);
    console.log(JSON.stringify(s1.snapshot.value), s1.diagnostics, s1.effects.map((e) => e.kind + ' ' + ('taskId' in e ? e.taskId : '')));
  });
});
