/**
 * 积分管理 in Debian's Chromium against `npm start` (issue 13): a community officer puts a reward in
 * the community's catalogue, finds a resident by name (name and ID masked), redeems the reward for them and
 * sees the balance drop and the stock fall; reverses the redemption with a reason and sees both
 * restored; a double click redeems once; a reward above the balance answers the coded refusal; the
 * resident sees the reward with its cost and stock in 我的积分. Axe-core scans both screens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type App } from './testing/startApp.ts';
import { axeViolations, launch, login, shot } from './testing/browser.ts';
import { people } from './testing/journeyWorld.ts';

/** 张鹏 of 金鱼社区第2网格: a resident with an account whom no seed case credits (the balance stays still). */
const RESIDENT = { name: '张鹏', id: 'u-resident-510722100001002-1', username: 'resident-510722100001002-1' };
const COMMUNITY = '/510722/510722100/510722100001';
const REWARD = { zh: '环保购物袋', en: 'Tote bag', cost: 20, stock: 5 };

let app: App;
let browser: Browser;
let officer: string;
const a11y: Record<string, unknown[]> = {};

async function ok<T = unknown>(p: Promise<{ status: number; body: unknown }>, what: string): Promise<T> {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
}
async function page(): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  ctx.setDefaultTimeout(90_000); // a busy 2-core machine: the page re-renders while data arrives; waits follow it
  return ctx.newPage();
}
const account = async () => ok<{ balance: number; entries: Array<{ kind: string; rewardId: string | null; reversed: boolean }> }>(app.api('GET', `/api/points/accounts/${RESIDENT.id}`, { token: officer }), 'account');
/** The balance the screen shows (digits of the statistic). */
const shownBalance = async (p: Page) => Number((await p.getByTestId('resident-account').locator('.ant-statistic-content-value').innerText()).replace(/\D/g, ''));
const waitBalance = (p: Page, n: number) => p.getByTestId('resident-account').locator('.ant-statistic-content-value').filter({ hasText: new RegExp(`^${n}$`) }).waitFor();

/**
 * Confirms the open 冲正 dialog and waits for it to close. A confirm the page dropped while the
 * dialog was still opening on a starved machine is made again, as a person would (a second
 * reversal of the same entry would be refused by the server, so a retry cannot double it); each
 * retry prints what the dialog showed, so a recurrence explains itself in the CI log.
 */
async function confirmReversal(p: Page): Promise<void> {
  const dialog = p.getByRole('dialog').filter({ has: p.getByTestId('reverse-reason') });
  for (let attempt = 1; ; attempt++) {
    await p.getByTestId('reverse-confirm').click();
    for (let i = 0; i < 75 && await dialog.isVisible(); i++) await p.waitForTimeout(200);
    if (!(await dialog.isVisible())) return;
    const shown = await dialog.innerText().catch(() => '');
    console.log(`冲正 confirm ${attempt}: the dialog is still open after 15 s and shows: ${shown.replace(/\s+/g, ' ')}`);
    if (attempt === 3) throw new Error(`the 冲正 dialog did not close after 3 confirms; it shows: ${shown}`);
  }
}

beforeAll(async () => {
  app = await startApp();
  browser = await launch();
  officer = await app.token(people.officer);
  // 3 volunteer hours × the rule's 10 points: 30 points to spend
  await ok(app.api('POST', `/api/points/accounts/${RESIDENT.id}/entries`, { token: officer, body: { ruleId: 'volunteer-hour', activityRef: 'VT-E2E-1', hours: 3 } }), 'award');
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('积分管理 (issue 13)', () => {
  let p: Page;

  it('an officer adds a reward to the community catalogue', async () => {
    p = await page();
    await login(p, app.url, people.officer, '/');
    await p.getByRole('menuitem', { name: '积分管理' }).click();
    await p.waitForURL((u) => u.pathname === '/points/manage');
    await p.getByRole('tab', { name: '兑换物品' }).click();
    await p.getByTestId('reward-add').click();
    await p.getByTestId('reward-form').waitFor();
    await p.getByTestId('reward-name-zh').fill(REWARD.zh);
    await p.getByTestId('reward-name-en').fill(REWARD.en);
    await p.getByTestId('reward-cost-input').fill(String(REWARD.cost));
    await p.getByTestId('reward-stock-input').fill(String(REWARD.stock));
    await p.getByTestId('reward-save').click();
    await p.getByTestId('reward-form').waitFor({ state: 'detached' });
    await p.getByRole('row', { name: new RegExp(`${REWARD.zh}.*${REWARD.cost}.*${REWARD.stock}.*上架`) }).waitFor();
    const managed = await ok<{ items: Array<{ name: { 'zh-CN': string }; orgPath: string }> }>(app.api('GET', '/api/points/rewards/managed', { token: officer }), 'managed');
    expect(managed.items.filter((r) => r.name['zh-CN'] === REWARD.zh).map((r) => r.orgPath)).toEqual([COMMUNITY]);
  }, 300_000);

  it('finds the resident by name (name and ID masked), redeems once on a double click, and sees balance and stock drop', async () => {
    const before = (await account()).balance;
    expect(before).toBeGreaterThanOrEqual(30);
    await p.getByRole('tab', { name: '居民积分' }).click();
    await p.getByTestId('resident-search').locator('input').fill(RESIDENT.name);
    await p.keyboard.press('Enter');
    // the registry answers names and ID numbers masked; 张鹏 is the only one of that name here with an account
    await p.getByTestId('resident-open').first().waitFor();
    expect(await p.getByTestId('resident-open').count()).toBe(1);
    expect(await p.getByTestId('resident-id-number').first().innerText()).toMatch(/\*/);
    expect(await p.getByTestId('resident-name').first().innerText()).not.toBe(RESIDENT.name);
    await p.getByTestId('resident-open').click();
    await p.waitForURL((u) => u.searchParams.get('person') === RESIDENT.id);
    await waitBalance(p, before);
    const redeem = p.getByRole('button', { name: `兑换 ${REWARD.zh}` });
    await redeem.dblclick();
    await waitBalance(p, before - REWARD.cost);
    await p.getByRole('row', { name: new RegExp(`${REWARD.zh}.*${REWARD.cost}.*${REWARD.stock - 1}`) }).waitFor();
    // the double click sent one redemption
    const after = await account();
    expect(after.balance).toBe(before - REWARD.cost);
    expect(after.entries.filter((e) => e.kind === 'redeem')).toHaveLength(1);
    a11y.manage = await axeViolations(p);
    await shot(p, 'points-manage-redeemed');
  }, 300_000);

  it('reverses the redemption with a reason and sees balance and stock restored', async () => {
    const before = await shownBalance(p);
    await p.getByRole('row', { name: new RegExp(`兑换.*${REWARD.zh}.*-${REWARD.cost}`) }).getByTestId('entry-reverse').click();
    await p.getByTestId('reverse-reason').waitFor();
    expect(await p.getByTestId('reverse-confirm').isDisabled()).toBe(true); // a reason is required
    await p.getByTestId('reverse-reason').fill('居民退回物品');
    await confirmReversal(p);
    await waitBalance(p, before + REWARD.cost);
    await p.getByRole('row', { name: new RegExp(`冲正.*\\+${REWARD.cost}.*居民退回物品`) }).waitFor();
    await p.getByRole('row', { name: new RegExp(`${REWARD.zh}.*${REWARD.cost}.*${REWARD.stock}`) }).waitFor();
    const acc = await account();
    expect(acc.entries.find((e) => e.kind === 'redeem')?.reversed).toBe(true);
  }, 300_000);

  it('shows the coded refusal when a reward costs more than the balance, and changes nothing', async () => {
    const balance = await shownBalance(p);
    await ok(app.api('POST', '/api/points/rewards', { token: officer, body: { orgPath: COMMUNITY, name: { 'zh-CN': '电饭煲', en: 'Rice cooker' }, cost: balance + 100, stock: 2 } }), 'reward');
    await p.reload();
    await waitBalance(p, balance);
    await p.getByRole('button', { name: '兑换 电饭煲' }).click();
    const alert = p.getByTestId('redeem-error');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('积分余额不足');
    expect(await alert.innerText()).toContain('points.insufficient');
    expect((await account()).balance).toBe(balance);
    expect(await shownBalance(p)).toBe(balance);
  }, 300_000);

  it('the resident sees the catalogue with cost and stock in 我的积分', async () => {
    const r = await page();
    await login(r, app.url, RESIDENT.username, '/points');
    await r.getByRole('row', { name: new RegExp(`${REWARD.zh}.*${REWARD.cost}.*${REWARD.stock}`) }).waitFor();
    expect(await r.getByTestId('reward-redeem').count()).toBe(0); // residents redeem at the desk, not here
    a11y.mine = await axeViolations(r);
    await shot(r, 'points-resident-catalogue');
  }, 300_000);

  it('has no axe-core violations (WCAG 2 A/AA) on the two screens', () => {
    expect(a11y).toEqual({ manage: [], mine: [] });
  });
});
