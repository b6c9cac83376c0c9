/**
 * Screenshots of the canvas stories in Chromium (grid incident, the 100-state item), for judging
 * the auto-layout by eye: `node --import tsx designer/dev/canvasShots.ts <out-dir> <label>`.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';

const [outDir = 'shots', label = 'now'] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
process.env.TONGBAN_API ??= 'http://127.0.0.1:9';
const configFile = fileURLToPath(new URL('./vite.config.ts', import.meta.url));
const dist = mkdtempSync(join(tmpdir(), 'designer-shots-'));
await build({ configFile, logLevel: 'silent', build: { outDir: dist, emptyOutDir: true } });
const server = await preview({ configFile, build: { outDir: dist }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
const base = `http://127.0.0.1:${(server.httpServer.address() as { port: number }).port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 640 } });
  for (const story of ['GridIncident', 'HundredStates']) {
    await page.goto(`${base}/stories.html?story=${encodeURIComponent(`canvas/Canvas.stories.tsx:${story}`)}`);
    await page.waitForSelector('[data-testid=canvas][data-layout=done]', { timeout: 120_000 });
    await page.screenshot({ path: join(outDir, `${story}-${label}.png`) });
    console.log(`wrote ${join(outDir, `${story}-${label}.png`)}`);
    if (story !== 'HundredStates') continue;
    // the whole chain fits only at a tiny zoom: a closer look at a stretch of it
    for (let i = 0; i < 6; i++) await page.locator('.react-flow__controls-zoomin').click();
    await page.locator('.react-flow__pane').dragTo(page.locator('.react-flow__pane'), { sourcePosition: { x: 1500, y: 320 }, targetPosition: { x: 100, y: 320 } });
    await page.waitForTimeout(300); // the zoom transition's end; only the picture waits for it
    await page.screenshot({ path: join(outDir, `${story}-${label}-zoomed.png`) });
    console.log(`wrote ${join(outDir, `${story}-${label}-zoomed.png`)}`);
  }
} finally {
  await browser.close();
  await new Promise((r) => server.httpServer.close(() => r(undefined)));
}
