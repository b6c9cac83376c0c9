/**
 * The designer's browser benchmark page (`npm run bench` drives it in Chromium): lint + compile per
 * edit of the 100-state definition on the page's main thread (the code the lint worker runs), a
 * re-check on undo through the worker's checker, and ELK auto-layout through the same Web Worker
 * the canvas uses — a new shape (with and without the implied edges) and a shape laid out a moment
 * ago. `window.__bench()` returns medians.
 */
import { compile } from '@tongban/engine';
import ELK from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import { hundredStates } from '../src/bench/hundredStates.ts';
import { checkDocument } from '../src/lint/checkDocument.ts';
import { IncrementalChecker } from '../src/lint/incrementalCheck.ts';
import { setValue } from '../src/doc/commands.ts';
import { layoutWith } from '../src/canvas/elkLayout.ts';
import { layoutInWorker } from '../src/canvas/layoutClient.ts';
import { toGraph } from '../src/canvas/toGraph.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(rounds: number, f: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) { const t0 = performance.now(); await f(); times.push(performance.now() - t0); }
  return median(times);
}

(window as unknown as { __bench: () => Promise<Record<string, number>> }).__bench = async () => {
  let doc = hundredStates();
  const edits: number[] = [];
  for (let i = 0; i < 30; i++) {
    doc = setValue('/states/s0/title/zh-CN', `编辑${i}`).apply(doc);
    const t0 = performance.now();
    const r = checkDocument(doc, [doc.id]);
    if (r.loaded) compile({ ...r.loaded, version: 1000 + i });
    edits.push(performance.now() - t0);
  }
  const checker = new IncrementalChecker();
  const undone = [hundredStates(), doc];
  undone.forEach((d) => checker.check(structuredClone(d), [d.id]));
  let n = 0;
  const undoCheckMs = await timed(20, () => { const d = structuredClone(undone[n++ % 2]!); return checker.check(d, [d.id]); });
  const g = toGraph(doc);
  // a new shape each round: ELK's own worker, no cache in front
  const elk = new ELK({ workerUrl: elkWorkerUrl });
  await layoutWith(elk, g.nodes, g.edges);
  const layoutMs = await timed(7, () => layoutWith(elk, g.nodes, g.edges));
  const layoutAllEdgesMs = await timed(3, () => layoutWith(elk, g.nodes, g.edges, { keepImplied: true }));
  await layoutInWorker(g.nodes, g.edges);
  const reusedLayoutMs = await timed(7, () => { const again = toGraph(doc); return layoutInWorker(again.nodes, again.edges); });
  elk.terminateWorker();
  return { lintCompileMs: median(edits), undoCheckMs, layoutMs, layoutAllEdgesMs, reusedLayoutMs };
};
