/**
 * The designer's browser benchmark page (`npm run bench` drives it in Chromium): lint + compile per
 * edit of the 100-state definition on the page's main thread (the code the lint worker runs), and
 * ELK auto-layout through the same Web Worker the canvas uses. `window.__bench()` returns medians.
 */
import { compile } from '@tongban/engine';
import { hundredStates } from '../src/bench/hundredStates.ts';
import { checkDocument } from '../src/lint/checkDocument.ts';
import { setValue } from '../src/doc/commands.ts';
import { layoutInWorker } from '../src/canvas/layoutClient.ts';
import { toGraph } from '../src/canvas/toGraph.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

(window as unknown as { __bench: () => Promise<{ lintCompileMs: number; layoutMs: number }> }).__bench = async () => {
  let doc = hundredStates();
  const edits: number[] = [];
  for (let i = 0; i < 30; i++) {
    doc = setValue('/states/s0/title/zh-CN', `编辑${i}`).apply(doc);
    const t0 = performance.now();
    const r = checkDocument(doc, [doc.id]);
    if (r.loaded) compile({ ...r.loaded, version: 1000 + i });
    edits.push(performance.now() - t0);
  }
  const g = toGraph(doc);
  await layoutInWorker(g.nodes, g.edges);
  const lays: number[] = [];
  for (let i = 0; i < 7; i++) { const t0 = performance.now(); await layoutInWorker(g.nodes, g.edges); lays.push(performance.now() - t0); }
  return { lintCompileMs: median(edits), layoutMs: median(lays) };
};
