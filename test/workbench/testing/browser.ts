/** Debian's Chromium through playwright-core, with axe-core accessibility checks and journey screenshots. */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/**
 * Where journey screenshots go: docs/screenshots/ (shown in the README) when TONGBAN_SCREENSHOTS=1,
 * else a temporary folder, so an ordinary test run leaves the working tree clean.
 */
export const screenshotDir = process.env.TONGBAN_SCREENSHOTS === '1' ? path.join(root, 'docs', 'screenshots') : path.join(tmpdir(), 'tongban-journey-screenshots');

/** Launches headless Chromium as the machine's README prescribes. */
export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'] });
}

/** Signs in through the login page. */
export async function login(page: Page, base: string, username: string, next = '/'): Promise<void> {
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Tongban@2025');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

let axeSource: string | undefined;

/** axe-core violations (WCAG 2 A/AA: labels, names, contrast …) on the page as it is now. */
export async function axeViolations(page: Page): Promise<Array<{ id: string; impact: string | null; nodes: string[] }>> {
  // evaluated through the DevTools protocol: the app's CSP (rightly) refuses injected script tags
  await page.evaluate(axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }> }> } })
      .axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
}

/** Saves a screenshot of the journey under docs/screenshots/. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

/**
 * Opens an antd Select through `trigger` and picks the option showing `optionText`, then waits
 * until the select shows it. On a starved machine a click can land while the dropdown is still
 * animating open (or a previous dropdown is fading out) and the page drops it; the pick is then
 * made again, as a person would, and a third miss fails with the select's text in the message.
 * `search` is typed into the open select first (a searchable select with many options); `tree` picks
 * a node of a TreeSelect.
 */
export async function pickSelectOption(page: Page, trigger: Locator, optionText: string, opts: { search?: string; tree?: boolean } = {}): Promise<void> {
  // the trigger may be the select itself or its search input (found by label): read the whole select
  const select = trigger.locator("xpath=ancestor-or-self::*[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]");
  const shown = async () => (await select.innerText()).includes(optionText);
  for (let attempt = 1; ; attempt++) {
    await trigger.click();
    if (opts.search) await page.keyboard.type(opts.search);
    const option = page.locator('.ant-select-dropdown:visible').last().locator(opts.tree ? '.ant-select-tree-node-content-wrapper' : '.ant-select-item-option').filter({ hasText: optionText }).first();
    await option.click();
    for (let i = 0; i < 30 && !(await shown()); i++) await page.waitForTimeout(200);
    if (await shown()) return;
    if (attempt === 3) throw new Error(`the select did not take the option "${optionText}" after 3 picks; it shows "${await select.innerText()}"`);
    await page.keyboard.press('Escape');
  }
}
