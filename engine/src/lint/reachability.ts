/** Whole-flow shape: states nobody reaches, states nobody leaves, and loops that never end. */
import { ancestors, entryLeaves, targetId } from '../compile/model.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { decisionKind } from '../definition/decisions.ts';
import type { LintContext } from './context.ts';
import { leafGraph, reach, stronglyConnected } from './graph.ts';

/** Leaves reachable from the initial state, with all their ancestors (entering a leaf enters them). */
export function reachableStates(c: LintContext): Set<string> {
  const leaves = reach(leafGraph(c), entryLeaves(c.model, c.def.initial));
  const reached = new Set([...leaves].flatMap((id) => [id, ...ancestors(c.model, id)]));
  // a state named by a taken transition counts as reached even when its own initial is broken
  for (const t of c.model.transitions) {
    const to = t.spec.target ? targetId(t.spec.target) : undefined;
    if (to && reached.has(t.from) && c.model.states.has(to)) for (const id of [to, ...ancestors(c.model, to)]) reached.add(id);
  }
  return reached;
}

function unreachable(c: LintContext, reached: Set<string>): Diagnostic[] {
  // report the outermost unreachable state only: its children follow from it
  return [...c.model.states.values()]
    .filter((s) => !reached.has(s.id) && (!s.parent || reached.has(s.parent)))
    .map((s) => diag('lint.unreachable-state', s.path, { state: s.id }));
}

/** A way out: a transition with a target (here or on an ancestor), or a reject/return decision with `to`. */
function hasWayOut(c: LintContext, id: string): boolean {
  const self = new Set([id, ...ancestors(c.model, id)]);
  if (c.model.transitions.some((t) => self.has(t.from) && t.spec.target)) return true;
  const decisions = Object.entries(c.model.states.get(id)?.spec.task?.decisions ?? {});
  return decisions.some(([name, d]) => d.to !== undefined && ['reject', 'return'].includes(decisionKind(name, d)));
}

function deadEnds(c: LintContext): Diagnostic[] {
  return [...c.model.states.values()]
    .filter((s) => s.kind === 'atomic' && !hasWayOut(c, s.id))
    .map((s) => diag('lint.dead-end', s.path, { state: s.id }));
}

/** Loops (strongly connected sets, or a state looping to itself) from which no top-level final state is reachable. */
function loopsWithoutExit(c: LintContext, reached: Set<string>): Diagnostic[] {
  const graph = leafGraph(c);
  const finals = [...c.model.states.values()].filter((s) => s.kind === 'final' && !s.parent).map((s) => s.id);
  if (finals.length === 0) return [diag('lint.no-final-state', '/states')];
  const reverse = new Map<string, string[]>([...graph.keys()].map((k) => [k, []]));
  for (const [from, tos] of graph) for (const to of tos) reverse.get(to)?.push(from);
  const canFinish = reach(reverse, finals);
  const order = [...c.model.states.keys()];
  const out: Diagnostic[] = [];
  for (const comp of stronglyConnected(graph)) {
    const first = comp[0]!;
    const isLoop = comp.length > 1 || (graph.get(first) ?? []).includes(first);
    if (!isLoop || comp.some((s) => canFinish.has(s)) || !comp.some((s) => reached.has(s))) continue;
    const sorted = comp.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    out.push(diag('lint.loop-no-exit', c.model.states.get(sorted[0]!)!.path, { states: sorted.join(', ') }));
  }
  return out;
}

/** Unreachable states, dead ends, loops with no exit. */
export function checkReachability(c: LintContext): Diagnostic[] {
  const reached = reachableStates(c);
  return [...unreachable(c, reached), ...deadEnds(c), ...loopsWithoutExit(c, reached)];
}
