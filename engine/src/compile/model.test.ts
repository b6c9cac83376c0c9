/**
 * The memoised graph facts (successors, human predecessors; goto targets and lint's leaf graph are built on them) give exactly what the
 * straightforward per-call searches gave before they were memoised (issue 11: they were quadratic
 * and made a 100-step item's lint + compile take seconds). The reference versions below are the
 * previous code, kept here as the specification.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Definition, StateSpec } from '../definition/types.ts';
import { ancestors, buildModel, entryLeaves, humanPredecessors, successors, targetId, type DefinitionModel } from './model.ts';

function refSuccessors(model: DefinitionModel, id: string): string[] {
  const out = new Set<string>();
  const self = [id, ...ancestors(model, id)];
  for (const t of model.transitions) {
    if (!self.includes(t.from) || !t.spec.target) continue;
    for (const leaf of entryLeaves(model, targetId(t.spec.target))) out.add(leaf);
  }
  const info = model.states.get(id);
  if (info?.kind === 'final' && info.parent) {
    for (const t of model.transitions) if (t.from === info.parent && t.trigger.kind === 'done' && t.spec.target) {
      for (const leaf of entryLeaves(model, targetId(t.spec.target))) out.add(leaf);
    }
  }
  for (const [, d] of Object.entries(info?.spec.task?.decisions ?? {})) {
    if (d.to && d.to !== 'initiator' && d.to !== 'previous') for (const leaf of entryLeaves(model, d.to)) out.add(leaf);
  }
  return [...out];
}

function refHumanPredecessors(model: DefinitionModel, id: string): string[] {
  const result = new Set<string>();
  for (const h of model.humanStates) {
    const seen = new Set<string>();
    const queue = [...refSuccessors(model, h)];
    while (queue.length) {
      const cur = queue.shift()!;
      if (seen.has(cur)) continue;
      seen.add(cur);
      if (cur === id) { result.add(h); break; }
      if (model.states.get(cur)?.spec.task) continue;
      queue.push(...refSuccessors(model, cur));
    }
  }
  result.delete(id);
  return [...result].sort();
}

/** Compares every state of a definition; a fresh model each time so the memo starts empty. */
function expectSame(def: Definition): void {
  const model = buildModel(def);
  const ref = buildModel(def);
  for (const id of model.states.keys()) {
    expect(successors(model, id), `successors of ${id}`).toEqual(refSuccessors(ref, id));
    expect(humanPredecessors(model, id), `human predecessors of ${id}`).toEqual(refHumanPredecessors(ref, id));
  }
  // asked twice: the memo hands out copies, a caller's change cannot reach the next caller
  const first = Object.keys(def.states)[0]!;
  successors(model, first).push('mutated');
  expect(successors(model, first)).toEqual(refSuccessors(ref, first));
}

const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const decision = { title: { 'zh-CN': '通过', en: 'OK' } };

/** Random state trees: human and automatic steps, finals, compound and parallel groups, reject-back decisions. */
const arbDefinition: fc.Arbitrary<Definition> = fc.record({
  kinds: fc.array(fc.constantFrom('human', 'auto', 'final', 'group', 'parallel'), { minLength: ids.length, maxLength: ids.length }),
  parents: fc.array(fc.option(fc.nat(ids.length - 1), { nil: undefined }), { minLength: ids.length, maxLength: ids.length }),
  edges: fc.array(fc.record({ from: fc.nat(ids.length - 1), to: fc.nat(ids.length - 1), trigger: fc.constantFrom('on', 'always', 'onDone'), hash: fc.boolean() }), { maxLength: 16 }),
  rejects: fc.array(fc.record({ from: fc.nat(ids.length - 1), to: fc.oneof(fc.nat(ids.length - 1), fc.constantFrom('initiator', 'previous')) }), { maxLength: 4 }),
}).map(({ kinds, parents, edges, rejects }) => {
  const specs = new Map<string, StateSpec>();
  ids.forEach((id, i) => {
    const k = kinds[i]!;
    specs.set(id, k === 'human' ? { task: { assignee: { role: 'r' }, decisions: { approve: decision } } } as StateSpec
      : k === 'final' ? { type: 'final' } : k === 'parallel' ? { type: 'parallel' } : {});
  });
  // a parent must come earlier in the list and be a group: the tree is acyclic by construction
  const parentOf = (i: number): string | undefined => {
    const p = parents[i];
    return p !== undefined && p < i && ['group', 'parallel'].includes(kinds[p]!) ? ids[p] : undefined;
  };
  for (const e of edges) {
    const from = specs.get(ids[e.from]!)!;
    const target = (e.hash ? '#' : '') + ids[e.to]!;
    if (e.trigger === 'on') from.on = { ...from.on, [`ev${Object.keys(from.on ?? {}).length}`]: { target } };
    else if (e.trigger === 'always') from.always = [...(Array.isArray(from.always) ? from.always : []), { target }];
    else from.onDone = { target };
  }
  for (const r of rejects) {
    const task = specs.get(ids[r.from]!)!.task;
    if (task) task.decisions = { ...task.decisions, [`reject${Object.keys(task.decisions).length}`]: { ...decision, kind: 'reject', to: typeof r.to === 'number' ? ids[r.to]! : r.to } };
  }
  const root: Record<string, StateSpec> = {};
  ids.forEach((id, i) => {
    const p = parentOf(i);
    if (p) specs.get(p)!.states = { ...specs.get(p)!.states, [id]: specs.get(id)! };
    else root[id] = specs.get(id)!;
  });
  return { id: 'random', initial: Object.keys(root)[0]!, states: root } as unknown as Definition;
});

describe('definition model: memoised graph facts', () => {
  it('match the per-call searches on the engine fixtures', () => {
    const dir = new URL('../run/fixtures/', import.meta.url);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) expectSame(JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Definition);
  });
  it('match the per-call searches on random state trees (fast-check)', () => {
    fc.assert(fc.property(arbDefinition, (def) => { expectSame(def); }), { numRuns: 300 });
  });
});
