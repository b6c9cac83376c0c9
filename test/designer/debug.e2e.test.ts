import { it } from 'vitest';
import { startHarness } from './designerHarness.ts';
it('debug', async () => {
  const h = await startHarness();
  const page = await h.browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('console', (m) => console.log('console', m.type(), m.text()));
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  page.on('worker', (w) => { console.log('worker', w.url()); });
  await page.goto(`${h.pageUrl}/designer`);
  await page.getByTestId('login-username').fill('county-admin');
  await page.getByTestId('login-password').fill('Tongban@2025');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('open-grid-incident').click();
  await page.getByTestId('toolbar').waitFor();
  await page.waitForTimeout(4000);
  await page.screenshot({ path: '/tmp/shots/debug.png' });
  await h.close();
}, 120000);
