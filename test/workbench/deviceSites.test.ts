/**
 * Issue 13, 设备台账 in Debian's Chromium against `npm start`: the county admin reads a grid sensor's site
 * in the list, opens 编辑, moves the sensor to another grid picked on the org tree (only grids are
 * selectable) and changes its place and building; a place without coordinates is refused in the form
 * with a zh-CN message; the server then holds the new grid and site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, type App } from './testing/startApp.ts';
import { axeViolations, launch, login, pickSelectOption, shot } from './testing/browser.ts';
import { people } from './testing/journeyWorld.ts';

const SENSOR = 'wm-0401-017';
const GRID2 = '/510722/510722100/510722100001/510722100001002';
let app: App;
let browser: Browser;
/** The edit drawer's axe-core findings (set by the journey). */
let a11y: unknown[] = ['not run'];

beforeAll(async () => {
  app = await startApp();
  browser = await launch();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('设备台账: a grid sensor’s site (issue 13)', () => {
  it('shows the site, moves the sensor to another grid on the org tree and edits its place; a place without coordinates is refused', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    ctx.setDefaultTimeout(90_000); // a busy 2-core machine: the page re-renders while data arrives
    const p = await ctx.newPage();
    await login(p, app.url, people.admin, `/admin/devices?q=${SENSOR}`);
    await p.getByTestId('device-site').filter({ hasText: '金鱼路12号供水泵房' }).waitFor();
    expect(await p.getByTestId('device-site').innerText()).toContain('30.8712, 105.3821 (WGS84)');
    await p.getByTestId('device-edit').click();
    await p.getByTestId('device-site-form').waitFor();
    // the grid on the org tree: search and pick 金鱼社区第2网格
    await pickSelectOption(p, p.getByTestId('device-site-grid'), '金鱼社区第2网格', { search: '金鱼社区第2网格', tree: true });
    await p.getByTestId('device-site-place').fill('金鱼路14号二次供水泵房');
    await p.getByTestId('device-site-building').fill('P-2');
    // the coordinates cleared: the form refuses, saying why
    await p.getByTestId('device-site-lat').fill('');
    await p.getByTestId('device-site-save').click();
    await p.getByText('填写安装位置时须同时填写纬度和经度').first().waitFor();
    await p.getByTestId('device-site-lat').fill('30.8715');
    a11y = await axeViolations(p);
    await shot(p, 'device-site-edit');
    await p.getByTestId('device-site-save').click();
    await p.getByTestId('device-site-form').waitFor({ state: 'detached' });
    await p.getByTestId('device-site').filter({ hasText: '金鱼路14号二次供水泵房 · P-2' }).waitFor();
    const d = (await app.api('GET', `/api/devices/${SENSOR}`, { token: await app.token(people.admin) })).body;
    expect(d.orgPath).toBe(GRID2);
    expect(d.site).toEqual({ lat: 30.8715, lng: 105.3821, datum: 'WGS84', place: '金鱼路14号二次供水泵房', buildingId: 'P-2' });
    await ctx.close();
  }, 300_000);

  it('has no axe-core violations (WCAG 2 A/AA) in the edit drawer', () => {
    expect(a11y).toEqual([]);
  });
});
