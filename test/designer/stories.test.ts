/**
 * Smoke test of every Storybook story of the designer in Chromium: each renders without an error
 * boundary, a page error or a React error in the console, and shows something.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileURLToPath } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type Browser } from 'playwright-core';
import { buildDir, chromiumArgs } from './designerHarness.ts';

// every story in a browser on a loaded 2-core machine: waits follow the page, the limits are generous
vi.setConfig({ testTimeout: 600_000, expect: { poll: { timeout: 120_000, interval: 100 } } });

const devConfig = fileURLToPath(new URL('../../designer/dev/vite.config.ts', import.meta.url));
let server: PreviewServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  process.env.TONGBAN_API ??= 'http://127.0.0.1:9'; // stories use the fixture API; nothing goes to a runtime
  const outDir = buildDir();
  await build({ configFile: devConfig, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  server = await preview({ configFile: devConfig, build: { outDir }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
  base = `http://127.0.0.1:${(server.httpServer.address() as { port: number }).port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  if (server) await new Promise((r) => server.httpServer.close(() => r(undefined)));
});

describe('designer stories', () => {
  it('every panel has stories, and each renders in Chromium without an error', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${base}/stories.html`);
    const ids = await page.evaluate(() => (window as unknown as { __stories: string[] }).__stories);
    const files = new Set(ids.map((i) => i.split(':')[0]));
    for (const panel of ['canvas/Canvas', 'panels/PropertiesPanel', 'panels/AssigneeEditor', 'panels/TaskModeEditor', 'panels/DecisionsEditor', 'panels/OperationsEditor', 'panels/SlaEditor',
      'panels/EffectsEditor', 'panels/FieldMatrix', 'panels/TemplatesPanel', 'forms/FormBuilder', 'conditions/ConditionField', 'lint/ProblemsPanel', 'simulate/SimulatePanel', 'versions/VersionsPanel', 'versions/PublishDialog',
      'versions/ImpactTable', 'versions/MigrationPlanner', 'versions/MigrationOutcomeView']) {
      expect(files, panel).toContain(`${panel}.stories.tsx`);
    }
    const failures: string[] = [];
    for (const id of ids) {
      const errors: string[] = [];
      const onError = (e: Error) => errors.push(e.message);
      const onConsole = (m: { type(): string; text(): string }) => { if (m.type() === 'error' && /Error|Cannot|undefined|Uncaught|Maximum update/.test(m.text()) && !/Warning: \[antd/.test(m.text())) errors.push(m.text()); };
      page.on('pageerror', onError);
      page.on('console', onConsole);
      await page.goto(`${base}/stories.html?story=${encodeURIComponent(id)}`);
      await page.locator('[data-story]').waitFor();
      await page.waitForTimeout(150);
      if (await page.locator('[data-story-error]').count()) errors.push(await page.locator('[data-story-error]').innerText());
      if ((await page.locator('[data-story]').innerText()).trim() === '' && !(await page.locator('.react-flow, .ant-modal').count())) errors.push('rendered nothing');
      page.off('pageerror', onError);
      page.off('console', onConsole);
      if (errors.length) failures.push(`${id}: ${errors.join(' | ').slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
    // English stories read English (the catalogs and the inline pairs), not Chinese
    await page.goto(`${base}/stories.html?story=${encodeURIComponent('editor/Toolbar.stories.tsx:English')}`);
    await expect.poll(() => page.locator('[data-story]').innerText()).toMatch(/Undo[\s\S]*Auto layout[\s\S]*Publish/);
    await page.goto(`${base}/stories.html?story=${encodeURIComponent('panels/PropertiesPanel.stories.tsx:HumanStepEnglish')}`);
    await expect.poll(() => page.locator('[data-story]').innerText()).toContain('Assignee');
    // the publish dialog's migration planner previews on the (fixture) API: one case moves, the unmapped one stays
    await page.goto(`${base}/stories.html?story=${encodeURIComponent('versions/MigrationPlanner.stories.tsx:TwoCasesChosen')}`);
    await page.getByTestId('migration-preview').click();
    await expect.poll(() => page.getByTestId('migration-preview-summary').innerText()).toContain('1 件将迁移到第 2 版，1 件留在第 1 版');
    // a countersign by two roles shows a row per role, and the engine's answer names both
    await page.goto(`${base}/stories.html?story=${encodeURIComponent('panels/AssigneeEditor.stories.tsx:CountersignByTwoRoles')}`);
    await expect.poll(() => page.getByTestId('role-rules').locator('.ant-select').count()).toBe(4);
    expect(ids.length).toBeGreaterThanOrEqual(30);
  });
});
