import { describe, expect, it } from 'vitest';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { Definition } from '@tongban/engine';
import { serviceItems } from '@tongban/definitions/service-items';
import { LayoutCache, elkInput, layoutWith, withoutImpliedEdges } from './elkLayout.ts';
import { hundredStates } from '../bench/hundredStates.ts';
import { toGraph } from './toGraph.ts';

describe('auto-layout', () => {
  it('places every state, children inside their group, the flow left to right', async () => {
    const def = serviceItems['elderly-call'] as Definition;
    const g = toGraph(def);
    const { positions } = await layoutWith(new ELK(), g.nodes, g.edges);
    expect(Object.keys(positions).sort()).toEqual(g.nodes.map((n) => n.id).sort());
    for (const n of g.nodes.filter((x) => x.parent)) {
      const p = positions[n.parent!]!; const c = positions[n.id]!;
      expect(c.x + c.width).toBeLessThanOrEqual(p.width + 0.5);
      expect(c.y + c.height).toBeLessThanOrEqual(p.height + 0.5);
    }
    expect(positions[def.initial]!.x).toBeLessThan(Math.max(...g.nodes.filter((n) => !n.parent).map((n) => positions[n.id]!.x)));
  });

  it('keeps reject-back edges out of the layout input but draws them', () => {
    const def = serviceItems['grid-incident'] as Definition;
    const g = toGraph(def);
    expect(g.edges.some((e) => e.kind === 'reject')).toBe(true);
    expect(elkInput(g.nodes, g.edges).edges!.some((e) => e.id.startsWith('r:'))).toBe(false);
  });

  it('leaves out of the layout only the edges another path implies: which state reaches which is unchanged', () => {
    const e = (source: string, target: string) => ({ source, target });
    // a → b → c plus the shortcut a → c; d → a closes a loop (a 2-cycle keeps both edges)
    const edges = [e('a', 'b'), e('b', 'c'), e('a', 'c'), e('c', 'd'), e('d', 'c')];
    expect(withoutImpliedEdges(edges)).toEqual([e('a', 'b'), e('b', 'c'), e('c', 'd'), e('d', 'c')]);
    // x → z is implied by x → y → z but sits on the loop z → x: kept (it decides what ELK reverses)
    expect(withoutImpliedEdges([e('x', 'y'), e('y', 'z'), e('x', 'z'), e('z', 'x')])).toHaveLength(4);
    // a loop through a group's child (in → g ⊃ c → in) is a loop too; edges across levels stay
    const parentOf = (id: string) => (id === 'c' ? 'g' : undefined);
    expect(withoutImpliedEdges([e('in', 'g'), e('in', 'm'), e('m', 'g'), e('c', 'in')], parentOf)).toHaveLength(4);
    const reach = (es: Array<{ source: string; target: string }>, from: string) => {
      const seen = new Set<string>(); const stack = [from];
      while (stack.length) { const c = stack.pop()!; for (const x of es) if (x.source === c && !seen.has(x.target)) { seen.add(x.target); stack.push(x.target); } }
      return [...seen].sort();
    };
    for (const def of [serviceItems['grid-incident'] as Definition, hundredStates()]) {
      const g = toGraph(def);
      const all = g.edges.filter((x) => x.kind !== 'reject' && x.source !== x.target);
      const parents = new Map(g.nodes.map((n) => [n.id, n.parent]));
      const kept = withoutImpliedEdges(all, (id) => parents.get(id));
      expect(kept.length).toBeLessThan(all.length);
      for (const n of g.nodes) expect(reach(kept, n.id), n.id).toEqual(reach(all, n.id));
    }
    // the 100-state item: each step's "close the case" shortcut is implied by the chain; small items keep every edge
    expect(elkInput(toGraph(hundredStates()).nodes, toGraph(hundredStates()).edges).edges!.length).toBeLessThan(110);
    const grid = toGraph(serviceItems['grid-incident'] as Definition);
    expect(elkInput(grid.nodes, grid.edges).edges!.length).toBe(new Set(grid.edges.filter((x) => x.kind !== 'reject' && x.source !== x.target).map((x) => `${x.source}>${x.target}`)).size);
  });

  it('reuses the layout of a shape seen before, and only of that shape', async () => {
    let runs = 0;
    const elk = new ELK();
    const counting = { layout: (g: Parameters<typeof elk.layout>[0]) => { runs++; return elk.layout(g); } };
    const cache = new LayoutCache(2);
    const def = serviceItems['grid-incident'] as Definition;
    const g = toGraph(def);
    const first = await cache.layout(counting, g.nodes, g.edges);
    // a title edit: same ids, sizes and edges, so ELK does not run again
    const retitled = toGraph({ ...def, states: { ...def.states, [def.initial]: { ...def.states[def.initial]!, title: { 'zh-CN': '改名', en: 'Renamed' } } } });
    expect(await cache.layout(counting, retitled.nodes, retitled.edges)).toBe(first);
    expect(runs).toBe(1);
    expect(first).toEqual(await layoutWith(new ELK(), g.nodes, g.edges));
    // a structural edit is laid out afresh; undoing it is a hit again
    const gone = g.nodes.find((n) => n.childCount === 0 && !n.parent && n.id !== def.initial)!.id;
    await cache.layout(counting, g.nodes.filter((n) => n.id !== gone), g.edges.filter((x) => x.source !== gone && x.target !== gone));
    expect(runs).toBe(2);
    expect(await cache.layout(counting, g.nodes, g.edges)).toBe(first);
    expect(runs).toBe(2);
  });
});
