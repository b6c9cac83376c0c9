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

/** The ELK input for a graph: each group holds its children; edges sit at the root (ELK routes across levels with INCLUDE_CHILDREN). */
export function elkInput(nodes: GraphNode[], edges: GraphEdge[]): ElkNode {
  const byId = new Map<string, ElkNode>();
  const root: ElkNode = {
    id: '__root', children: [], edges: [],
    layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.hierarchyHandling': 'INCLUDE_CHILDREN', 'elk.layered.spacing.nodeNodeBetweenLayers': '70', 'elk.spacing.nodeNode': '40', 'elk.edgeRouting': 'POLYLINE' },
  };
  // Large items trade a little polish for speed: simple node placement and fewer crossing-minimisation
  // passes take a 100-state item from ~0.7 s to ~0.45 s in Node (noisy shared host); small ones keep ELK's defaults.
  if (nodes.length > 60) Object.assign(root.layoutOptions!, { 'elk.layered.nodePlacement.strategy': 'SIMPLE', 'elk.layered.thoroughness': '3' });
  for (const n of nodes) byId.set(n.id, n.childCount > 0
    ? { id: n.id, children: [], layoutOptions: { 'elk.padding': '[top=44,left=16,bottom=16,right=16]' } }
    : { id: n.id, width: NODE_W, height: NODE_H });
  for (const n of nodes) (n.parent ? byId.get(n.parent)! : root).children!.push(byId.get(n.id)!);
  const seen = new Set<string>();
  // Reject-back edges (驳回/退回 to an earlier step) are drawn but do not shape the layout: as back
  // edges they only make ELK reverse and route them across every layer in between (measured on a
  // 100-state item: 4.2 s with them, 0.6 s without), and the forward flow is what should read left to right.
  root.edges = edges.filter((e) => e.source !== e.target && e.kind !== 'reject').filter((e) => { const k = `${e.source}>${e.target}`; if (seen.has(k)) return false; seen.add(k); return true; })
    .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] }));
  return root;
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
export async function layoutWith(elk: { layout(g: ElkNode): Promise<ElkNode> }, nodes: GraphNode[], edges: GraphEdge[]): Promise<LayoutResult> {
  return positionsOf(await elk.layout(elkInput(nodes, edges)));
}
