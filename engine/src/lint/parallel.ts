/** Parallel states that wait (onDone) for regions which can never finish. */
import { entryLeaves, type StateInfo } from '../compile/model.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { subtree, type LintContext } from './context.ts';
import { leafGraph, reach } from './graph.ts';

function checkRegion(c: LintContext, par: StateInfo, region: StateInfo): Diagnostic[] {
  if (region.kind === 'final') return [];
  const details = { parallel: par.id, region: region.id };
  const finals = region.children.filter((id) => c.model.states.get(id)?.kind === 'final');
  if (finals.length === 0) return [diag('lint.region-no-final', region.path, details)];
  // only moves that stay inside the region count: leaving it does not complete it
  const inside = new Set(subtree(c, region.id));
  const reached = reach(leafGraph(c), entryLeaves(c.model, region.id), inside);
  return finals.some((f) => reached.has(f)) ? [] : [diag('lint.region-final-unreachable', region.path, details)];
}

/** For every parallel state with onDone: each region needs a final child, reachable inside the region. */
export function checkParallel(c: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const par of c.model.states.values()) {
    if (par.kind !== 'parallel' || par.spec.onDone === undefined) continue;
    for (const id of par.children) out.push(...checkRegion(c, par, c.model.states.get(id)!));
  }
  return out;
}
