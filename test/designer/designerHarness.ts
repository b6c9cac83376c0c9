/**
 * The designer end to end: a runtime on a fresh SQLite store seeded with the sample county and the
 * five items (in process, API on an ephemeral port), the designer's standalone page built by Vite
 * and served by `vite preview` with /api proxied to that runtime, and Debian's Chromium driven by
 * playwright-core. Everything real; nothing is faked.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type Browser } from 'playwright-core';
import { loadConfig } from '../../runtime/src/config/loadConfig.ts';
import { createRuntime, type Runtime } from '../../runtime/src/createRuntime.ts';
import { seedRuntime } from '../../runtime/src/seed/seedRuntime.ts';

const devConfig = fileURLToPath(new URL('../../designer/dev/vite.config.ts', import.meta.url));

/**
 * A build folder of its own: test files run in parallel, and a second build into a shared folder
 * would replace the chunks a running page is still loading.
 */
export function buildDir(): string {
  return mkdtempSync(join(tmpdir(), 'tongban-designer-build-'));
}

export interface Harness { rt: Runtime; apiUrl: string; pageUrl: string; browser: Browser; close(): Promise<void> }

/** Chromium flags that work in this sandbox (no GPU, no network chatter). */
export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * The whole app as `npm start` serves it, on one URL: the workbench's production build (the shell
 * with the designer mounted at /designer, loaded lazily), the same `workbench/dist` and served
 * by an in-process runtime on a fresh SQLite store with the sample county. `pageUrl` = `apiUrl`.
 */
export async function startAppHarness(): Promise<Harness> {
  // the bundle `npm start` serves (built once by the suite's global setup; rebuilt here only when stale)
  const ensured = spawnSync(process.execPath, [fileURLToPath(new URL('../../scripts/ensureWorkbenchBuild.mjs', import.meta.url))], { stdio: 'inherit' });
  if (ensured.status !== 0) throw new Error('the workbench build failed');
  const outDir = fileURLToPath(new URL('../../workbench/dist', import.meta.url));
  const config = loadConfig({ TONGBAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'tongban-designer-')), PORT: '0', LOG_LEVEL: 'silent', TONGBAN_BODY_LIMIT: '4194304', TONGBAN_WORKBENCH_DIR: outDir });
  const rt = await createRuntime(config, { logger: pino({ level: 'silent' }), jobs: 'off' });
  await seedRuntime(rt, { cases: false });
  const { url } = await rt.listen(0);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  return { rt, apiUrl: url, pageUrl: url, browser, async close() { await browser.close(); await rt.close(); } };
}

export async function startHarness(): Promise<Harness> {
  const config = loadConfig({ TONGBAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'tongban-designer-')), PORT: '0', LOG_LEVEL: 'silent', TONGBAN_BODY_LIMIT: '4194304' });
  const rt = await createRuntime(config, { logger: pino({ level: 'silent' }), jobs: 'off' });
  await seedRuntime(rt, { cases: false });
  const { url: apiUrl } = await rt.listen(0);
  process.env.TONGBAN_API = apiUrl;
  const outDir = buildDir();
  await build({ configFile: devConfig, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server: PreviewServer = await preview({ configFile: devConfig, build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'error' });
  const addr = server.httpServer.address() as { port: number };
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  return {
    rt, apiUrl, pageUrl: `http://127.0.0.1:${addr.port}`, browser,
    async close() {
      await browser.close();
      await new Promise((r) => server.httpServer.close(() => r(undefined)));
      await rt.close();
    },
  };
}

/** Logs in through the runtime's API (for steps a test does outside the designer's screens). */
export async function apiLogin(apiUrl: string, username: string): Promise<string> {
  const r = await fetch(`${apiUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Tongban@2025' }) });
  const body = (await r.json()) as { token?: string };
  if (!body.token) throw new Error(`login ${username} failed: ${JSON.stringify(body)}`);
  return body.token;
}

/** Calls the runtime's API as a user. */
export async function call(apiUrl: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const r = await fetch(`${apiUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
}
