/** The layout Web Worker: ELK's layered layout off the main thread, so a 100-step item never freezes the canvas. */
import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutWith } from './elkLayout.ts';
import type { GraphEdge, GraphNode } from './toGraph.ts';

const elk = new ELK();

self.onmessage = async (e: MessageEvent<{ id: number; nodes: GraphNode[]; edges: GraphEdge[] }>) => {
  const { id, nodes, edges } = e.data;
  try {
    const result = await layoutWith(elk, nodes, edges);
    (self as unknown as Worker).postMessage({ id, result });
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, error: (err as Error).message });
  }
};
