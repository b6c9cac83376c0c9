/** Talks to the layout worker: one worker per page, requests matched by id, the latest request wins. */
import type { LayoutResult } from './elkLayout.ts';
import type { GraphEdge, GraphNode } from './toGraph.ts';

let worker: Worker | undefined;
let seq = 0;
const pending = new Map<number, { resolve(r: LayoutResult): void; reject(e: Error): void }>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ id: number; result?: LayoutResult; error?: string }>) => {
      const p = pending.get(e.data.id);
      pending.delete(e.data.id);
      if (!p) return;
      if (e.data.result) p.resolve(e.data.result); else p.reject(new Error(e.data.error ?? 'layout failed'));
    };
  }
  return worker;
}

/** Lays the graph out in the worker. */
export function layoutInWorker(nodes: GraphNode[], edges: GraphEdge[]): Promise<LayoutResult> {
  const id = ++seq;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    getWorker().postMessage({ id, nodes, edges });
  });
}
