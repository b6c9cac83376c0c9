import { describe, expect, it } from 'vitest';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { Definition } from '@tongban/engine';
import { serviceItems } from '@tongban/definitions/service-items';
import { elkInput, layoutWith } from './elkLayout.ts';
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
});
