/**
 * The leaf-state graph lint reasons over: the compiler's successors plus the jumps the runtime adds
 * (reject back to 'previous' / 'initiator', resubmit-return, withdraw) and parallel joins.
 */
import { entryLeaves, humanPredecessors, successors, targetId } from '../compile/model.ts';
import { decisionKind } from '../definition/decisions.ts';
import type { LintContext } from './context.ts';

export type Graph = Map<string, string[]>;

const cache = new WeakMap<LintContext, Graph>();

function addAll(graph: Map<string, Set<string>>, from: string, to: Iterable<string>): void {
  const set = graph.get(from);
  if (set) for (const t of to) set.add(t);
}

/** Reject-back and resubmission jumps, as the compiler's `$goto` targets do them. */
function gotoEdges(c: LintContext, graph: Map<string, Set<string>>): void {
  for (const h of c.model.humanStates) {
    const preds = humanPredecessors(c.model, h);
    const leaves = (ids: string[]) => ids.flatMap((id) => entryLeaves(c.model, id));
    for (const p of leaves([h])) addAll(graph, p, leaves(preds)); // withdraw / reject to previous
    for (const [name, d] of Object.entries(c.model.states.get(h)!.spec.task!.decisions)) {
      const kind = decisionKind(name, d);
      if (!d.to || (kind !== 'reject' && kind !== 'return')) continue;
      const to = d.to === 'initiator' ? [c.def.initial] : d.to === 'previous' ? preds : [d.to];
      addAll(graph, h, leaves(to));
      // resubmission comes back to the rejecting step
      if (d.resubmit === 'return') for (const back of leaves(to)) addAll(graph, back, [h]);
    }
  }
}

/** A final child of a parallel region may complete the parallel state: its onDone fires. */
function joinEdges(c: LintContext, graph: Map<string, Set<string>>): void {
  for (const s of c.model.states.values()) {
    if (s.kind !== 'final' || !s.parent) continue;
    const region = c.model.states.get(s.parent);
    const par = region?.parent ? c.model.states.get(region.parent) : undefined;
    if (par?.kind !== 'parallel') continue;
    for (const t of c.model.transitions) {
      if (t.from === par.id && t.trigger.kind === 'done' && t.spec.target) addAll(graph, s.id, entryLeaves(c.model, targetId(t.spec.target)));
    }
  }
}

/** The successor graph over leaf states (atomic and final), built once per context. */
export function leafGraph(c: LintContext): Graph {
  const hit = cache.get(c);
  if (hit) return hit;
  const graph = new Map<string, Set<string>>();
  for (const s of c.model.states.values()) if (s.kind === 'atomic' || s.kind === 'final') graph.set(s.id, new Set(successors(c.model, s.id)));
  gotoEdges(c, graph);
  joinEdges(c, graph);
  const out: Graph = new Map([...graph].map(([k, v]) => [k, [...v].filter((t) => graph.has(t))]));
  cache.set(c, out);
  return out;
}

/** Every leaf reachable from `start` (the starts included), optionally only inside `within`. */
export function reach(graph: Graph, start: Iterable<string>, within?: Set<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...start].filter((s) => !within || within.has(s));
  while (stack.length) {
    const cur = stack.pop()!;
    if (seen.has(cur)) continue;
    seen.add(cur);
    for (const next of graph.get(cur) ?? []) if (!seen.has(next) && (!within || within.has(next))) stack.push(next);
  }
  return seen;
}

/** Strongly connected components (Tarjan, iterative so deep graphs cannot overflow the stack). */
export function stronglyConnected(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let next = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: Array<{ v: string; i: number }> = [{ v: root, i: 0 }];
    while (work.length) {
      const frame = work[work.length - 1]!;
      const { v } = frame;
      if (frame.i === 0 && !index.has(v)) {
        index.set(v, next);
        low.set(v, next++);
        stack.push(v);
        onStack.add(v);
      }
      const succ = graph.get(v) ?? [];
      if (frame.i < succ.length) {
        const w = succ[frame.i++]!;
        if (!index.has(w)) work.push({ v: w, i: 0 });
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(v)!));
      if (low.get(v) === index.get(v)) out.push(popComponent(stack, onStack, v));
    }
  }
  return out;
}

function popComponent(stack: string[], onStack: Set<string>, v: string): string[] {
  const comp: string[] = [];
  let w: string;
  do {
    w = stack.pop()!;
    onStack.delete(w);
    comp.push(w);
  } while (w !== v);
  return comp;
}
