/**
 * Auto-layout off the main thread: the elkjs API here, ELK's own layered algorithm in its Web
 * Worker (elk-worker.min.js, served as an asset). A 100-step item never freezes the canvas.
 * (Running the bundled ELK inside a worker of our own does not work: in a worker context it takes
 * over `self.onmessage` as ELK's own worker protocol.)
 */
import ELK from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import { LayoutCache, type LayoutResult } from './elkLayout.ts';
import type { GraphEdge, GraphNode } from './toGraph.ts';

let elk: InstanceType<typeof ELK> | undefined;
const cache = new LayoutCache();

/** Lays the graph out in ELK's worker (or hands back the layout of the same shape from a moment ago). */
export function layoutInWorker(nodes: GraphNode[], edges: GraphEdge[]): Promise<LayoutResult> {
  elk ??= new ELK({ workerUrl: elkWorkerUrl });
  return cache.layout(elk, nodes, edges);
}
