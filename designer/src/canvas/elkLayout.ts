/**
 * Layered auto-layout with elkjs: the graph (with groups as hierarchical nodes) in, positions out
 * (relative to the parent, as React Flow wants them). In the browser ELK runs in its Web Worker (layoutClient.ts);
 * the benchmark calls it directly.
 */
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { GraphEdge, GraphNode } from './toGraph.ts';

export interface LayoutResult { positions: Record<string, { x: number; y: number; width: number; height: number }> }

export const NODE_W = 200;
export const NODE_H = 72;
/** From this many states on, ELK gets the graph without implied edges (see withoutImpliedEdges). */
export const LARGE = 60;

/** The ELK input for a graph: each group holds its children; edges sit at the root (ELK routes across levels with INCLUDE_CHILDREN). */
export function elkInput(nodes: GraphNode[], edges: GraphEdge[], opts: { keepImplied?: boolean } = {}): ElkNode {
  const byId = new Map<string, ElkNode>();
  const root: ElkNode = {
    id: '__root', children: [], edges: [],
    layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.hierarchyHandling': 'INCLUDE_CHILDREN', 'elk.layered.spacing.nodeNodeBetweenLayers': '70', 'elk.spacing.nodeNode': '40', 'elk.edgeRouting': 'POLYLINE' },
  };
  for (const n of nodes) byId.set(n.id, n.childCount > 0
    ? { id: n.id, children: [], layoutOptions: { 'elk.padding': '[top=44,left=16,bottom=16,right=16]' } }
    : { id: n.id, width: NODE_W, height: NODE_H });
  for (const n of nodes) (n.parent ? byId.get(n.parent)! : root).children!.push(byId.get(n.id)!);
  const seen = new Set<string>();
  // Reject-back edges (驳回/退回 to an earlier step) are drawn but do not shape the layout: as back
  // edges they only make ELK reverse and route them across every layer in between (measured on a
  // 100-state item: 4.2 s with them, 0.6 s without), and the forward flow is what should read left to right.
  const shaping = edges.filter((e) => e.source !== e.target && e.kind !== 'reject').filter((e) => { const k = `${e.source}>${e.target}`; if (seen.has(k)) return false; seen.add(k); return true; });
  const parent = new Map(nodes.map((n) => [n.id, n.parent]));
  // Small items keep every edge: ELK is quick on them, and their shortcuts help it order each layer
  // (the grid incident drew its start state at the bottom without them)
  root.edges = (nodes.length > LARGE && !opts.keepImplied ? withoutImpliedEdges(shaping, (id) => parent.get(id)) : shaping).map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] }));
  return root;
}

/**
 * Drops the edges another path already implies (a → c when a → b → c exists), one at a time against
 * what is left, so which states reach which is unchanged: every state is still placed after all that
 * leads to it, and the flow reads left to right as before. A shortcut only makes ELK add a dummy node
 * in every layer it spans: in a 100-step item where every step may also close the case, the 94 edges
 * into 已办结 became ~4,500 dummy nodes and took ELK from ~0.3 s to ~2 s (issue 11). React Flow still
 * draws every edge; ELK only places the nodes. Only edges between siblings (same parent) and on no
 * cycle are dropped, and only for a path through siblings: in a loop (escalate and come back) the
 * edges decide which one ELK reverses, and without them a group drifted to the first layer.
 */
export function withoutImpliedEdges<E extends { source: string; target: string }>(edges: E[], parentOf: (id: string) => string | undefined = () => undefined): E[] {
  const onCycle = cycleMembers(edges, parentOf);
  const keep = new Set(edges);
  const bySource = new Map<string, E[]>();
  for (const e of edges) (bySource.get(e.source) ?? bySource.set(e.source, []).get(e.source)!).push(e);
  /** A path from → to over the kept edges between children of `parent`. */
  const reaches = (from: string, to: string, parent: string | undefined): boolean => {
    const seen = new Set<string>([from]);
    const stack = [from];
    while (stack.length) {
      for (const k of bySource.get(stack.pop()!) ?? []) {
        if (!keep.has(k) || parentOf(k.target) !== parent || seen.has(k.target)) continue;
        if (k.target === to) return true;
        seen.add(k.target);
        stack.push(k.target);
      }
    }
    return false;
  };
  for (const e of edges) {
    const parent = parentOf(e.source);
    // an edge on a cycle stays: which edge ELK reverses to break the cycle decides what comes first
    if (parentOf(e.target) !== parent || onCycle(e)) continue;
    keep.delete(e);
    if (!reaches(e.source, e.target, parent)) keep.add(e);
  }
  return edges.filter((e) => keep.has(e));
}

/**
 * Whether an edge lies on a cycle: its ends in one strongly connected component of the edges plus
 * the nesting (being in a group's child is being in the group, whose onDone applies; entering a
 * group enters a child). Dropping implied edges keeps reachability, so this is computed once.
 */
function cycleMembers(edges: Array<{ source: string; target: string }>, parentOf: (id: string) => string | undefined): (e: { source: string; target: string }) => boolean {
  const out = new Map<string, string[]>();
  const link = (a: string, b: string) => (out.get(a) ?? out.set(a, []).get(a)!).push(b);
  for (const e of edges) link(e.source, e.target);
  const linked = new Set<string>();
  for (const start of new Set(edges.flatMap((e) => [e.source, e.target]))) {
    for (let id = start, p = parentOf(id); p !== undefined && !linked.has(id); id = p, p = parentOf(id)) { linked.add(id); link(id, p); link(p, id); }
  }
  // Tarjan, iterative (a long chain must not overflow the stack)
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const comp = new Map<string, number>();
  const stack: string[] = [];
  let next = 0;
  for (const root of out.keys()) {
    if (index.has(root)) continue;
    const work: Array<{ v: string; i: number }> = [{ v: root, i: 0 }];
    index.set(root, next); low.set(root, next++); stack.push(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const succ = out.get(frame.v) ?? [];
      if (frame.i < succ.length) {
        const w = succ[frame.i++]!;
        if (!index.has(w)) { index.set(w, next); low.set(w, next++); stack.push(w); work.push({ v: w, i: 0 }); }
        else if (!comp.has(w)) low.set(frame.v, Math.min(low.get(frame.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(frame.v)!));
      if (low.get(frame.v) === index.get(frame.v)) {
        let w: string;
        do { w = stack.pop()!; comp.set(w, index.get(frame.v)!); } while (w !== frame.v);
      }
    }
  }
  return (e) => comp.get(e.source) === comp.get(e.target);
}

/** Flattens ELK's output to positions relative to each node's parent. */
export function positionsOf(out: ElkNode): LayoutResult {
  const positions: LayoutResult['positions'] = {};
  const walk = (n: ElkNode) => {
    for (const c of n.children ?? []) {
      positions[c.id] = { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? NODE_W, height: c.height ?? NODE_H };
      walk(c);
    }
  };
  walk(out);
  return { positions };
}

/** Lays out with a given ELK instance (the worker's, or the bundled one in Node for the benchmark). */
export async function layoutWith(elk: { layout(g: ElkNode): Promise<ElkNode> }, nodes: GraphNode[], edges: GraphEdge[], opts: { keepImplied?: boolean } = {}): Promise<LayoutResult> {
  return positionsOf(await elk.layout(elkInput(nodes, edges, opts)));
}

/**
 * Layouts of the last few graph shapes, keyed by what ELK's input is made of (ids, nesting, edges:
 * titles, assignees and other properties are not in it). ELK is deterministic, so a
 * shape seen before — undo / redo of a structural edit, "自动布局" with nothing changed — gets the
 * same positions back without running ELK again.
 */
export class LayoutCache {
  private readonly entries = new Map<string, Promise<LayoutResult>>();
  constructor(private readonly size = 8) {}

  layout(elk: { layout(g: ElkNode): Promise<ElkNode> }, nodes: GraphNode[], edges: GraphEdge[]): Promise<LayoutResult> {
    // everything elkInput reads, and nothing else: a hit costs no pruning and no ELK
    const key = JSON.stringify([nodes.map((n) => [n.id, n.parent, n.childCount]), edges.map((e) => [e.id, e.source, e.target, e.kind === 'reject'])]);
    const hit = this.entries.get(key);
    if (hit) {
      // most recently used last: the oldest entry is the one to evict
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const result = elk.layout(elkInput(nodes, edges)).then(positionsOf);
    this.entries.set(key, result);
    result.catch(() => this.entries.delete(key)); // a failed layout is not remembered
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
    return result;
  }
}
