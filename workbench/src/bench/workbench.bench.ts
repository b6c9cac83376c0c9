/**
 * `npm run bench` — the workbench (issue 10, item 10):
 *  - initial JavaScript of the entry (the module script and its modulepreloads in index.html), gzip
 *    bytes; target ≤ 350 KB, with the designer and ECharts loaded lazily (checked: not in that set);
 *  - time to the first queue row and to an interactive case page in headless Chromium on localhost,
 *    with 10,000 open tasks in the township reviewer's scope (targets < 1 s and < 1.5 s), each with
 *    its ratio to the API's own answer for the same data measured in the same run; cold = the first
 *    navigation of a new browser context (no HTTP cache), signed in through its localStorage;
 *  - scrolling the 10,000 rows (keyset pages loaded as they come into view): the longest main-thread
 *    task (PerformanceObserver 'longtask'), target none over 100 ms.
 * The server is the README's `tongban start` on a fresh SQLite folder; the rows are added to its
 * store directly (same columns the command path writes) after the sample county is seeded.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dist = path.join(root, 'workbench', 'dist');
const N = Number(process.env.TONGBAN_BENCH_TASKS ?? 10_000);
const REVIEWER = 'township-reviewer-510722100';
const TOWNSHIP = '/510722/510722100';
const line = (name: string, value: number, unit: string) => console.log(`bench ${name} ${Math.round(value * 100) / 100} ${unit}`);
const target = (what: string, ok: boolean, figure: string) => console.log(`target ${what} ${ok ? 'met' : 'NOT MET'} (${figure})`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The gzip bytes of the entry's initial JavaScript, and whether echarts or the designer are in it. */
export function initialJs(): { bytes: number; files: string[]; lazyOk: boolean } {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const bytes = files.reduce((n, f) => n + gzipSync(readFileSync(path.join(dist, f)), { level: 9 }).length, 0);
  const lazyOk = files.every((f) => !readFileSync(path.join(dist, f), 'utf8').includes('echarts.apache.org') && !/designer/i.test(f));
  return { bytes, files, lazyOk };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => { const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); }); });
}

async function startServer(dataDir: string, port: number) {
  const child = spawn(process.execPath, [path.join(root, 'runtime', 'bin', 'tongban.mjs'), 'start'], { cwd: root, stdio: 'ignore', env: { ...process.env, PORT: String(port), TONGBAN_DATA_DIR: dataDir, LOG_LEVEL: 'warn' } });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (await fetch(url + '/api/client-config').then((r) => r.ok, () => false)) return { child, url };
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error('the server did not start');
}

/** Adds `n` open group tasks of the township reviewers, due over the coming weeks. */
function addTasks(file: string, n: number): void {
  const db = new Database(file);
  const now = Date.now();
  const insert = db.prepare(`insert into tasks (id, case_id, task_key, definition_id, org_path, org_l1, org_l2, org_l3, org_l4, state, title_zh, title_en, status, assignee, group_role, group_org,
    candidates, priority, due_at, warn_at, sla_clock, form, spec, created_at) values (?, ?, ?, 'grid-incident', ?, '/510722', ?, ?, ?, 'township_review', '乡镇审核', 'Township review', 'pending', null,
    'township-reviewer', ?, '[]', ?, ?, ?, 'working', null, '{"fields":{},"decisions":[]}', ?)`);
  const grids = ['/510722/510722100/510722100001/510722100001001', '/510722/510722100/510722100001/510722100001002', '/510722/510722100/510722100201/510722100201001'];
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const grid = grids[i % grids.length]!;
      const due = now + (i % 500) * 3_600_000 + 60_000;
      insert.run(`bench-${i}:t1`, `bench-${i}`, `bench-${i}:t1`, grid, TOWNSHIP, grid.split('/').slice(0, 4).join('/'), grid, TOWNSHIP, i % 4, due, due - 1_800_000, now);
    }
  })();
  db.close();
}

export async function run(): Promise<void> {
  const js = initialJs();
  line('workbench.initial-js-gzip', js.bytes / 1024, 'KiB');
  line('workbench.initial-js-files', js.files.length, 'files');
  target('initial JS ≤ 350 KB gzip, designer and charts lazy', js.bytes <= 350 * 1024 && js.lazyOk, `${(js.bytes / 1024).toFixed(1)} KiB, lazy ${js.lazyOk}`);

  const dataDir = mkdtempSync(path.join(tmpdir(), 'tongban-bench-wb-'));
  const { child, url } = await startServer(dataDir, await freePort());
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    addTasks(path.join(dataDir, 'tongban.sqlite'), N);
    const login = await (await fetch(url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: REVIEWER, password: 'Tongban@2025' }) })).json() as { token: string };
    const auth = { authorization: `Bearer ${login.token}` };
    const inScope = (await (await fetch(url + '/api/tasks/queue-counts', { headers: auth })).json()) as { all: number };
    line('workbench.tasks-in-scope', inScope.all, 'tasks');
    const apiMs: number[] = [];
    for (let i = 0; i < 7; i++) { const t0 = performance.now(); await (await fetch(url + '/api/tasks?status=open&limit=50', { headers: auth })).json(); apiMs.push(performance.now() - t0); }
    const caseRow = (await (await fetch(url + `/api/cases?orgPath=${encodeURIComponent(TOWNSHIP)}&status=active&limit=1`, { headers: auth })).json()) as { items: Array<{ id: string }> };
    const caseId = caseRow.items[0]!.id;
    const caseApi: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await Promise.all(['', '/overview', '/actions'].map((p) => fetch(`${url}/api/cases/${caseId}${p}`, { headers: auth }).then((r) => r.json())));
      caseApi.push(performance.now() - t0);
    }

    // cold = a new browser context (empty HTTP cache) whose first navigation is the screen measured; the
    // signed-in session is in its localStorage from the start, as for a reviewer reopening the workbench
    const signedIn = () => browser.newContext({ viewport: { width: 1366, height: 900 },
      storageState: { cookies: [], origins: [{ origin: url, localStorage: [{ name: 'tongban.session', value: JSON.stringify({ ...login, expiresAt: Date.now() + 3_600_000 }) }] }] } });
    // the browser itself is already running for a real user: start its network service and a renderer
    // on a blank page of another context first, so "cold" is the workbench's own first load (no cache)
    const warmUp = await browser.newContext();
    await (await warmUp.newPage()).goto('about:blank');
    await warmUp.close();
    const coldCase = await signedIn();
    const coldCasePage = await coldCase.newPage();
    const c0 = performance.now();
    await coldCasePage.goto(`${url}/cases/${caseId}`, { waitUntil: 'commit' });
    await coldCasePage.getByTestId('case-ref').waitFor();
    await coldCasePage.getByTestId('reveal-button').or(coldCasePage.getByText('当前没有您可执行的操作')).or(coldCasePage.locator('[data-action]')).first().waitFor();
    const caseCold = performance.now() - c0;
    await coldCase.close();
    const ctx = await signedIn();
    const page = await ctx.newPage();
    const queue: number[] = [];
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      await page.goto(url + '/tasks', { waitUntil: 'commit' });
      await page.getByTestId('task-row').first().waitFor();
      queue.push(performance.now() - t0);
    }
    const casePage: number[] = [];
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      await page.goto(`${url}/cases/${caseId}`, { waitUntil: 'commit' });
      await page.getByTestId('case-ref').waitFor();
      await page.getByTestId('reveal-button').or(page.getByText('当前没有您可执行的操作')).or(page.locator('[data-action]')).first().waitFor();
      casePage.push(performance.now() - t0);
    }
    const qWarm = median(queue.slice(1)); const cWarm = median(casePage);
    line('workbench.queue-first-row.cold', queue[0]!, 'ms');
    line('workbench.queue-first-row.warm-median', qWarm, 'ms');
    line('workbench.queue-first-row.ratio-to-api-page', qWarm / median(apiMs), 'x');
    line('workbench.case-page-interactive.cold', caseCold, 'ms');
    line('workbench.case-page-interactive.warm-median', cWarm, 'ms');
    line('workbench.case-page-interactive.ratio-to-api-reads', cWarm / median(caseApi), 'x');
    target('first queue row < 1 s', queue[0]! < 1000 && qWarm < 1000, `cold ${queue[0]!.toFixed(0)} ms, warm ${qWarm.toFixed(0)} ms`);
    target('interactive case page < 1.5 s', caseCold < 1500 && cWarm < 1500, `cold ${caseCold.toFixed(0)} ms, warm ${cWarm.toFixed(0)} ms`);

    // scroll the whole queue: pages load as their rows come into view
    await page.goto(url + '/tasks');
    await page.getByTestId('task-row').first().waitFor();
    await page.evaluate(() => {
      (window as unknown as { __long: number[] }).__long = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) (window as unknown as { __long: number[] }).__long.push(e.duration); }).observe({ type: 'longtask', buffered: false });
    });
    const t0 = performance.now();
    for (let i = 0; i < 4000; i++) {
      const done = await page.evaluate((n) => {
        const el = document.querySelector('[data-testid="task-list"]') as HTMLElement;
        el.scrollTop += 1800;
        return el.scrollTop + el.clientHeight >= el.scrollHeight - 2 && Number(el.getAttribute('aria-rowcount')) >= n;
      }, inScope.all);
      if (done) break;
      await page.waitForTimeout(16);
    }
    const scrolled = await page.evaluate(() => Number(document.querySelector('[data-testid="task-list"]')!.getAttribute('aria-rowcount')));
    const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
    line('workbench.scroll.rows', scrolled, 'rows');
    line('workbench.scroll.seconds', (performance.now() - t0) / 1000, 's');
    line('workbench.scroll.longest-task', Math.max(0, ...long), 'ms');
    line('workbench.scroll.long-tasks-over-100ms', long.filter((d) => d > 100).length, 'tasks');
    target(`scrolling ${scrolled} rows without a long task over 100 ms`, long.every((d) => d <= 100) && scrolled >= inScope.all, `longest ${Math.max(0, ...long).toFixed(0)} ms`);
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
