/**
 * The designer's benchmark lines (`npm run bench`): with a 100-state definition, lint + compile
 * per edit (what the Problems panel runs after each debounced edit; target < 100 ms in the
 * browser), ELK auto-layout of the 100 states (target < 500 ms), and the JavaScript the shell loads
 * lazily for /designer (gzip bytes). Each figure comes with a ratio to a baseline measured in the
 * same run: lint + compile of the 24-state grid incident, layout of its graph, and the whole
 * designer bundle including the libraries the shell shares.
 */
import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ELK from 'elkjs/lib/elk.bundled.js';
import { compile, type Definition } from '@tongban/engine';
import { serviceItems } from '@tongban/definitions/service-items';
import { checkDocument } from '../lint/checkDocument.ts';
import { setValue } from '../doc/commands.ts';
import { LayoutCache, layoutWith } from '../canvas/elkLayout.ts';
import { IncrementalChecker } from '../lint/incrementalCheck.ts';
import { toGraph } from '../canvas/toGraph.ts';
import { hundredStates } from './hundredStates.ts';

interface BrowserFigures { lintCompileMs: number; undoCheckMs: number; layoutMs: number; layoutAllEdgesMs: number; reusedLayoutMs: number }

const line = (name: string, value: number, unit: string) => console.log(`bench ${name} ${Number(value.toFixed(2))} ${unit}`);

function median(xs: number[]): number { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; }

/** Edits the title of step i, then lints and compiles the new document (a fresh object, as after a command). */
function perEdit(def: Definition, rounds: number): number {
  const times: number[] = [];
  let doc = def;
  const first = Object.keys(def.states)[0]!;
  for (let i = 0; i < rounds; i++) {
    doc = setValue(`/states/${first}/title/zh-CN`, `编辑${i}`).apply(doc);
    const t0 = performance.now();
    const r = checkDocument(doc, [doc.id]);
    if (r.loaded) compile({ ...r.loaded, version: 1000 + i });
    times.push(performance.now() - t0);
  }
  return median(times);
}

/**
 * Undo / redo between two documents through the Problems panel's checker (as the lint worker runs
 * it): after the first round each document is answered from memory.
 */
function perUndo(def: Definition, rounds: number): number {
  const checker = new IncrementalChecker();
  const a = def;
  const first = Object.keys(def.states)[0]!;
  const b = setValue(`/states/${first}/title/zh-CN`, '改过').apply(def);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const doc = structuredClone(i % 2 ? b : a); // as the worker receives it
    const t0 = performance.now();
    checker.check(doc, [doc.id]);
    times.push(performance.now() - t0);
  }
  return median(times.slice(2));
}

/** Cold ELK layout (a new shape), optionally of the full edge set as before issue 11's pruning. */
async function layoutMs(def: Definition, rounds: number, opts: { keepImplied?: boolean } = {}): Promise<number> {
  const elk = new ELK();
  const g = toGraph(def);
  await layoutWith(elk, g.nodes, g.edges, opts);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) { const t0 = performance.now(); await layoutWith(elk, g.nodes, g.edges, opts); times.push(performance.now() - t0); }
  return median(times);
}

/** A shape laid out a moment ago (undo of a structural edit, 自动布局 with nothing changed): the canvas's cache. */
async function reusedLayoutMs(def: Definition, rounds: number): Promise<number> {
  const elk = new ELK();
  const cache = new LayoutCache();
  const g = toGraph(def);
  await cache.layout(elk, g.nodes, g.edges);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) { const again = toGraph(def); const t0 = performance.now(); await cache.layout(elk, again.nodes, again.edges); times.push(performance.now() - t0); }
  return median(times);
}

/**
 * Gzip bytes of a Vite build of `import('@tongban/designer')`, with the shell's shared libraries
 * external or bundled: the JavaScript and CSS loaded when /designer opens; apart, the lint worker
 * (fetched when a draft opens; it carries its own copy of the engine) and ELK's worker script (an
 * asset fetched on the first auto-layout).
 */
async function lazyBytes(external: boolean): Promise<{ code: number; worker: number; lintWorker: number }> {
  const { build } = await import('vite');
  const dir = mkdtempSync(join(tmpdir(), 'designer-bench-'));
  const entry = join(dir, 'entry.js');
  writeFileSync(entry, `export const load = () => import(${JSON.stringify(fileURLToPath(new URL('../index.ts', import.meta.url)))});\n`);
  const shared = [/^react($|\/)/, /^react-dom($|\/)/, /^antd($|\/)/, /^@ant-design\//, /^react-router($|\/)/, /^@tanstack\/react-query/, /^i18next/, /^react-i18next/, /^dayjs/, /^@rjsf\//];
  await build({
    configFile: false, logLevel: 'silent', root: dir,
    plugins: [(await import('@vitejs/plugin-react')).default()],
    // an app build (not lib mode, which inlines every asset): the worker script stays a file as in the shell's build
    build: { outDir: join(dir, 'out'), assetsInlineLimit: 0, rollupOptions: { input: entry, preserveEntrySignatures: 'exports-only', external: external ? (id) => shared.some((re) => re.test(id)) : [], output: { entryFileNames: 'entry.js' } }, minify: true, reportCompressedSize: false },
    worker: { format: 'es' },
  });
  const bytes = { code: 0, worker: 0, lintWorker: 0 };
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(m?js|css)$/.test(e.name) && !e.name.startsWith('entry')) bytes[e.name.startsWith('elk-worker') ? 'worker' : e.name.startsWith('lint.worker') ? 'lintWorker' : 'code'] += gzipSync(readFileSync(p)).length;
    }
  };
  walk(join(dir, 'out'));
  return bytes;
}

/** The same measurements in Debian's Chromium, on the built dev page (skipped, with a line saying so, without Chromium). */
async function inBrowser(): Promise<BrowserFigures | undefined> {
  const { existsSync } = await import('node:fs');
  if (!existsSync('/usr/bin/chromium')) { console.log('# skip browser figures: /usr/bin/chromium is not installed'); return undefined; }
  const { build, preview } = await import('vite');
  const { chromium } = await import('playwright-core');
  const configFile = fileURLToPath(new URL('../../dev/vite.config.ts', import.meta.url));
  process.env.TONGBAN_API ??= 'http://127.0.0.1:9';
  const outDir = mkdtempSync(join(tmpdir(), 'designer-bench-page-'));
  await build({ configFile, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  const server = await preview({ configFile, build: { outDir }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.httpServer.address() as { port: number }).port}/bench.html`);
    await page.waitForFunction(() => typeof (window as unknown as { __bench?: unknown }).__bench === 'function');
    return await page.evaluate(() => (window as unknown as { __bench: () => Promise<BrowserFigures> }).__bench());
  } finally {
    await browser.close();
    await new Promise((r) => server.httpServer.close(() => r(undefined)));
  }
}

export async function run(): Promise<void> {
  const big = hundredStates();
  const grid = serviceItems['grid-incident'] as Definition;
  const states = Object.keys(toGraph(big).nodes).length;
  const check = checkDocument(big);
  if (check.errors) throw new Error(`the 100-state bench definition has lint errors: ${check.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code).join(', ')}`);
  console.log(`# designer: 100-state definition with ${states} states (${toGraph(big).edges.length} edges)`);
  console.log(`# load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')} (a shared host: figures scale with it)`);
  const edit100 = perEdit(big, 30);
  const editGrid = perEdit(grid, 30);
  const undo100 = perUndo(big, 20);
  line('designer.lint-compile-per-edit.100-states', edit100, 'ms');
  line('designer.lint-compile-per-edit.grid-incident', editGrid, 'ms');
  line('designer.lint-compile-per-edit.100-states.ratio-to-grid-incident', edit100 / editGrid, 'x');
  line('designer.check-on-undo.100-states', undo100, 'ms');
  line('designer.check-on-undo.100-states.ratio-to-full-check', undo100 / edit100, 'x');
  console.log(`target lint + compile per edit < 100 ms (Node, same code as the browser): ${edit100 < 100 ? 'met' : 'NOT MET'} (${edit100.toFixed(1)} ms; 270 ms before issue 11's memoised graph facts)`);
  const lay100 = await layoutMs(big, 10);
  const layAll100 = await layoutMs(big, 5, { keepImplied: true });
  const reused100 = await reusedLayoutMs(big, 10);
  const layGrid = await layoutMs(grid, 10);
  line('designer.layout.100-states', lay100, 'ms');
  line('designer.layout.100-states.all-edges', layAll100, 'ms');
  line('designer.layout.100-states.ratio-to-all-edges', lay100 / layAll100, 'x');
  line('designer.layout.100-states.reused', reused100, 'ms');
  line('designer.layout.grid-incident', layGrid, 'ms');
  line('designer.layout.100-states.ratio-to-grid-incident', lay100 / layGrid, 'x');
  console.log(`target auto-layout of 100 nodes < 500 ms: ${lay100 < 500 ? 'met' : 'NOT MET'} (${lay100.toFixed(1)} ms; ${layAll100.toFixed(1)} ms with the implied edges; a title edit does not lay out, an undone structural edit reuses: ${reused100.toFixed(2)} ms)`);
  const browser = await inBrowser();
  if (!browser) console.log('target (Chromium) lint + compile per edit < 100 ms, auto-layout < 500 ms: NOT MEASURED (no Chromium at /usr/bin/chromium)');
  if (browser) {
    line('designer.browser.lint-compile-per-edit.100-states', browser.lintCompileMs, 'ms');
    line('designer.browser.lint-compile-per-edit.100-states.ratio-to-node', browser.lintCompileMs / edit100, 'x');
    line('designer.browser.check-on-undo.100-states', browser.undoCheckMs, 'ms');
    line('designer.browser.layout.100-states', browser.layoutMs, 'ms');
    line('designer.browser.layout.100-states.all-edges', browser.layoutAllEdgesMs, 'ms');
    line('designer.browser.layout.100-states.ratio-to-all-edges', browser.layoutMs / browser.layoutAllEdgesMs, 'x');
    line('designer.browser.layout.100-states.reused', browser.reusedLayoutMs, 'ms');
    line('designer.browser.layout.100-states.ratio-to-node', browser.layoutMs / lay100, 'x');
    console.log(`target (Chromium) lint + compile per edit < 100 ms: ${browser.lintCompileMs < 100 ? 'met' : 'NOT MET'} (${browser.lintCompileMs.toFixed(1)} ms; 118 ms before); auto-layout < 500 ms: ${browser.layoutMs < 500 ? 'met' : 'NOT MET'} (${browser.layoutMs.toFixed(1)} ms; ${browser.layoutAllEdgesMs.toFixed(1)} ms with the implied edges)`);
  }
  console.log(`# load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const lazy = await lazyBytes(true);
  const whole = await lazyBytes(false);
  line('designer.lazy-js.gzip', lazy.code, 'bytes');
  line('designer.lazy-js.lint-worker.gzip', lazy.lintWorker, 'bytes');
  line('designer.lazy-js.elk-worker.gzip', lazy.worker, 'bytes');
  line('designer.lazy-js-with-shared-libs.gzip', whole.code, 'bytes');
  line('designer.lazy-js.ratio-to-with-shared-libs', lazy.code / whole.code, 'x');
  // issue 11 asks for the figure, not a bound: reported so a growth shows up between runs
  console.log(`lazily loaded designer JavaScript: ${(lazy.code / 1024).toFixed(0)} KB gzip beyond the shell's shared libraries (${(whole.code / 1024).toFixed(0)} KB with them); lint worker ${(lazy.lintWorker / 1024).toFixed(0)} KB, ELK worker ${(lazy.worker / 1024).toFixed(0)} KB, each fetched when first needed (no target set)`);
}
