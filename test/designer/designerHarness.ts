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
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
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

/**
 * Picks an option of an antd Select and checks that the select now shows it. The dropdown is the
 * last one opened (a previous select's dropdown may still be fading out on a slow machine); a pick
 * the page missed while it was busy re-rendering is made again, and a third miss fails the test.
 * With `shows: false` (an action menu: the pick does something and the select empties again) it only picks.
 */
export async function pickOption(page: Page, testId: string, optionText: string, opts: { shows?: boolean } = {}): Promise<void> {
  const pick = async () => {
    await page.getByTestId(testId).click();
    const options = page.locator('.ant-select-dropdown:visible').last().locator('.ant-select-item-option');
    // a searchable select is driven by the keyboard: typing filters, Enter takes the active option.
    // A pointer click waits for the option to stop moving, which a dropdown repositioning inside a
    // re-rendering dialog on a starved machine may not do for minutes.
    const search = page.getByTestId(testId).locator('input');
    if (await search.count() && await search.first().isEditable()) {
      await search.first().pressSequentially(optionText);
      const hit = options.filter({ hasText: optionText });
      // a select filtering on another field than the label shows nothing for the text: then it is clicked
      await expect.poll(() => hit.count(), { timeout: 10_000 }).toBeGreaterThan(0).catch(() => undefined);
      if (await options.count() === 1 && await hit.count() === 1) return page.keyboard.press('Enter');
      await search.first().fill(''); // the whole list again, for the click
    }
    await options.filter({ hasText: optionText }).first().click({ timeout: 20_000 });
  };
  if (opts.shows === false) return pick();
  const shown = async () => (await page.getByTestId(testId).innerText()).includes(optionText);
  for (let attempt = 1; ; attempt++) {
    try {
      await pick();
      await expect.poll(shown, { timeout: 15_000 }).toBe(true);
      return;
    } catch (err) {
      if (attempt === 3) throw err;
      console.log(`[designer e2e] pick of ${optionText} in ${testId} missed (attempt ${attempt}): ${(err as Error).message.split('\n')[0]}`);
      await page.keyboard.press('Escape'); // closes the dropdown and clears what was typed
    }
  }
}

/**
 * Publishes the open draft as a county admin would and waits until the server holds the version.
 * The success toast lasts three seconds, so the server's version list is the proof, not the toast.
 * A confirm the page missed (a click landing while the dialog was still opening on a starved
 * machine) is made again; a refusal the dialog shows is printed and fails at once, so a CI log says why.
 */
export async function publishFromEditor(page: Page, apiUrl: string, itemId: string, version: number): Promise<void> {
  const admin = await apiLogin(apiUrl, 'county-admin');
  const published = async () => {
    const r = await call(apiUrl, admin, 'GET', `/api/definitions/${itemId}/versions`);
    return (r.body?.items ?? []).some((v: { version: number; status: string }) => Number(v.version) === version && v.status === 'published');
  };
  const confirm = page.getByTestId('publish-confirm');
  for (let attempt = 1; ; attempt++) {
    if (!(await confirm.isVisible())) await page.getByTestId('publish').click();
    await confirm.click();
    for (let i = 0; i < 120; i++) {
      if (await published()) return;
      if (await page.getByTestId('publish-error').isVisible()) throw new Error(`publish refused: ${await page.getByTestId('publish-error').innerText()}`);
      await page.waitForTimeout(500);
    }
    const dialog = page.locator('.ant-modal-content').filter({ has: confirm });
    const shown = (await dialog.isVisible()) ? await dialog.innerText() : '(the dialog is closed)';
    console.log(`[designer e2e] publish attempt ${attempt} did not reach the server; the dialog shows: ${shown}`);
    if (attempt >= 3) throw new Error(`version ${version} of ${itemId} was not published`);
  }
}
