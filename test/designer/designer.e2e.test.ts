/**
 * Issue 11 item 8, in the app as `npm start` serves it (one URL, one login, the workbench shell with
 * the designer at /designer): a county admin composes a new service item from scratch — a 门前三包
 * inspection: an intake form with an ID number, a phone and a required photo; a countersign (会签)
 * by two roles (the community officers and the grid leader); a reject back to the initiator with a
 * required comment; a 2-working-day limit with a reminder and escalation to the township; an SMS
 * notice — reaches zero lint errors, simulates it across the National Day holiday, saves the run as
 * a scenario, publishes it; a grid worker then reports a case in the workbench and every signer
 * approves it on the case page, until it is closed.
 *
 * No step waits for a fixed time: each waits for what the page says (the canvas's layout done, the
 * save's server revision, the conflict dialog), so a slow, shared machine only makes it slower.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { apiLogin, call, pickOption, publishFromEditor, startAppHarness, type Harness } from './designerHarness.ts';
import { pickSelectOption } from '../workbench/testing/browser.ts';

// a browser journey on a loaded 2-core machine: the test waits for the page, never races a clock
vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000, expect: { poll: { timeout: 120_000, interval: 100 } } });

let h: Harness;
let page: Page;
const shots = process.env.TONGBAN_E2E_SHOTS; // a folder to keep screenshots in (for a human to look at)

async function shot(name: string, p: Page = page) { if (shots) await p.screenshot({ path: `${shots}/${name}.png`, fullPage: true }); }
/** A 1×1 PNG (the required photo). */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** A valid GB 11643 ID number for a birth date (checksum computed, not a real person). */
function idNumber(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = body17.split('').reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return body17 + '10X98765432'[sum % 11];
}

/** Signs in through the shell's login page and lands on `next`. */
async function login(p: Page, username: string, next: string) {
  await p.goto(`${h.pageUrl}/login?next=${encodeURIComponent(next)}`);
  await fillLogin(p, username);
}
async function fillLogin(p: Page, username: string) {
  await p.getByLabel('用户名').fill(username);
  await p.getByLabel('密码').fill('Tongban@2025');
  await p.getByRole('button', { name: /登\s*录/ }).click();
  await p.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Selects a state on the canvas once the nodes are laid out (before, they all sit at 0,0), and waits for its panel. */
async function selectNode(id: string) {
  await page.locator('[data-testid=canvas][data-layout=done]').waitFor();
  await page.getByTestId(`node-${id}`).click();
  await page.getByTestId(`state-panel-${id}`).waitFor();
}

/** The server revision of the open draft (the toolbar shows it once a save is answered). */
const revision = async () => Number(await page.getByTestId('save-state').getAttribute('data-revision'));
/** Waits until an edit made after revision `before` is saved on the server. */
async function savedAfter(before: number) {
  await expect.poll(async () => (await page.getByTestId('save-state').getAttribute('data-state')) === 'saved' && (await revision()) > before, { timeout: 120_000 }).toBe(true);
}

const select = (testId: string, optionText: string, opts: { shows?: boolean } = {}) => pickOption(page, testId, optionText, opts);

beforeAll(async () => {
  h = await startAppHarness();
  page = await h.browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
  page.setDefaultTimeout(120_000);
  page.on('pageerror', (e) => console.error('pageerror', e.message));
});
afterAll(async () => h?.close());

describe('designer journey: 门前三包 inspection', () => {
  it('logs in as the county admin and creates the item from scratch', async () => {
    await login(page, 'county-admin', '/designer');
    await page.getByTestId('item-list').waitFor();
    await expect.poll(() => page.getByText('网格事件').count()).toBeGreaterThan(0);
    await page.getByTestId('new-item').click();
    await page.getByTestId('new-item-id').fill('shop-front');
    await page.getByTestId('new-item-title').fill('门前三包巡查');
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByTestId('toolbar').waitFor();
    await page.getByTestId('node-review').waitFor();
    await shot('01-new-item');
  });
  it('builds the intake form: an ID number, a phone and a required photo, with a live preview; the draft survives a reload', async () => {
    await page.getByRole('tab', { name: '表单' }).click();
    const add = async (name: string, title: string, type: string, required: boolean, pii?: string, then?: () => Promise<void>) => {
      await page.getByTestId('new-field-name').fill(name);
      await page.getByTestId('new-field-title').fill(title);
      await select('new-field-type', type);
      if (pii) await select('new-field-pii', pii);
      await then?.();
      if (required) await page.getByTestId('new-field-required').click();
      await page.getByTestId('new-field-add').click();
      await page.getByTestId(`field-row-${name}`).waitFor();
    };
    await add('ownerId', '经营者身份证号', '身份证号', false);
    await add('phone', '联系电话', '手机号', true);
    await add('photos', '现场照片', '附件/照片', true, 'none');
    // 选网格 and 单独同意 take their tag (none) by themselves; the consent names its purpose and whose ID number it is
    await add('gridCode', '所属网格', '选网格', false);
    await add('shareRef', '向驿站提供信息的同意', '单独同意', false, undefined, async () => {
      await select('new-field-consent-purpose', '向签约服务商/驿站提供个人信息');
      await select('new-field-consent-subject', '经营者身份证号（ownerId）');
    });
    await expect.poll(() => page.getByTestId('field-row-shareRef').locator('xpath=ancestor::tr').innerText()).toContain('单独同意');
    await expect.poll(() => page.getByTestId('form-preview').innerText()).toContain('联系电话');
    // the preview is the workbench's own form: the grid is picked on the org tree, as a worker will, not typed as a code
    await page.getByTestId('preview-workbench-form').waitFor();
    await pickSelectOption(page, page.getByTestId('form-preview').getByLabel('所属网格'), '金鱼社区第1网格', { search: '第1网格', tree: true });
    // the preview checks with the engine's zh-CN messages
    await page.getByTestId('form-preview-check').click();
    await expect.poll(() => page.getByTestId('form-preview-errors').innerText()).toContain('联系电话');
    expect(await page.getByTestId('form-preview-errors').innerText()).not.toContain('所属网格'); // the picked grid's code passes the engine's pattern
    await shot('02-form');
    // reload before the autosave: the edit is kept on the device and restored
    await page.reload();
    await page.getByTestId('toolbar').waitFor();
    await page.getByRole('tab', { name: '表单' }).click();
    await page.getByTestId('field-row-photos').waitFor();
  });

  it('writes a notice template with a live preview', async () => {
    await page.getByRole('tab', { name: '消息模板' }).click();
    await page.getByTestId('new-template-name').fill('done_notice');
    await page.getByTestId('new-template-add').click();
    await page.getByTestId('template-text').fill('【门前三包】案件{{caseId}}已办结，联系电话{{data.phone}}。');
    await expect.poll(() => page.getByTestId('template-preview').innerText()).toContain('案件FJ-2026-000123已办结');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('template-text').fill('Case {{caseId}} is closed.');
    await page.getByRole('button', { name: /中\s*文/ }).click();
  });

  it('composes the step: countersign by two roles, reject back to the initiator with a comment, a 2-working-day limit with reminder and escalation, an SMS notice', async () => {
    await page.getByRole('tab', { name: '流程' }).click();
    await selectNode('review');
    await expect.poll(() => page.getByTestId('assignee-answer').innerText()).toMatch(/此步骤交给 .+（社区专干）/);
    await select('task-mode-select', '会签');
    // the second role of the countersign: the community's grid leader signs too
    await page.getByTestId('assignee-add-role').click();
    await select('assignee-role-1', '网格长');
    await expect.poll(() => page.getByTestId('assignee-answer').innerText()).toMatch(/（网格长）/);
    await expect.poll(() => page.getByTestId('assignee-answer').innerText()).toMatch(/（社区专干）/);
    await page.getByTestId('add-decision').click();
    await page.getByTestId('decision-title-decision1').fill('驳回');
    await select('decision-kind-decision1', '驳回');
    await select('decision-requires-decision1', '意见');
    await page.keyboard.press('Escape');
    await select('decision-to-decision1', '发起人');
    await page.getByTestId('sla-enable').click();
    await page.getByTestId('sla-within').fill('2');
    await page.getByTestId('sla-within').blur();
    await page.getByTestId('add-rung').click(); // a reminder (the first template)
    await page.getByTestId('add-rung').click();
    await select('rung-1-kind', '升级');
    await select('rung-1-role', '乡镇审核员');
    await shot('03-step');
    // the SMS notice on 通过 → 已办结
    await page.locator('[data-testid=canvas][data-layout=done]').waitFor();
    await page.getByTestId('edge-label-e:/states/review/on/approve').click();
    await page.getByTestId('transition-panel').waitFor();
    await select('add-effect', '发送通知', { shows: false });
    await expect.poll(() => page.getByTestId('notify-preview').innerText()).toContain('已办结');
  });

  it('reaches zero lint errors', async () => {
    await expect.poll(async () => {
      const n = await page.getByTestId('problems-summary').getAttribute('data-errors');
      if (n !== '0') console.log(await page.getByTestId('problems').innerText());
      return n;
    }, { timeout: 60_000 }).toBe('0');
  });
});

describe('designer journey: panels generated from the definition schema', () => {
  it('edits the item title and category in the settings generated from the schema', async () => {
    await page.getByRole('tab', { name: '事项设置' }).click();
    const title = page.locator('[id="root_title_zh-CN"]');
    await title.waitFor();
    await title.fill('门前三包巡查');
    await page.locator('[id="root_category"]').fill('city');
    await expect.poll(() => page.getByTestId('toolbar').innerText()).toContain('门前三包巡查');
    await page.getByRole('tab', { name: '流程' }).click();
  });
});

/**
 * Approves the signer's task on the case page as a person would: when nothing happened (a click on a
 * starved machine that landed while the dialog was still opening) or the page said someone acted
 * first, they try again. Each retry is printed with what the page showed, so a CI log says why.
 */
async function approveOnCasePage(p: Page, who: string): Promise<void> {
  const approve = p.locator('[data-action="approve"]');
  const submit = p.getByTestId('action-submit');
  for (let attempt = 1; ; attempt++) {
    if (!(await submit.isVisible())) await approve.click();
    await submit.click();
    const closed = await submit.waitFor({ state: 'detached', timeout: 30_000 }).then(() => true, () => false);
    const gone = closed && (await approve.waitFor({ state: 'detached', timeout: 30_000 }).then(() => true, () => false));
    if (gone) return;
    const shown = [...(await p.getByRole('alert').allInnerTexts()), ...(await p.locator('.ant-message').allInnerTexts())].join(' | ');
    console.log(`[designer e2e] ${who}: approve attempt ${attempt} did not finish (dialog ${closed ? 'closed' : 'still open'}); the page shows: ${shown || '(nothing)'}`);
    if (attempt >= 3) throw new Error(`${who} could not approve: ${shown || 'no message on the page'}`);
  }
}

describe('designer journey: simulate, publish, run a case', () => {
  it('simulates across the National Day holiday: tasks, timers, the breach ladder and the SMS appear', async () => {
    await page.getByRole('tab', { name: '模拟' }).click();
    await page.getByTestId('sim-start').click();
    await page.getByTestId('sim-task-review').first().waitFor();
    expect(await page.getByTestId('sim-clock').innerText()).toContain('2026-09-30');
    const signers = await page.getByTestId('sim-task-review').count();
    expect(signers).toBeGreaterThan(1); // 会签: every officer of the community and its grid leader
    expect(await page.getByTestId('simulate-panel').innerText()).toMatch(/按角色“community-officer”[\s\S]*按角色“grid-leader”/);
    // 2 working days from Wed 30 Sep: the 1–7 Oct holiday is skipped, the due date lands after it
    await expect.poll(() => page.getByTestId('simulate-panel').innerText()).toMatch(/sla\.due → 2026-10-(0[89]|10)/);
    await page.getByTestId('sim-advance-P7D').click(); // 7 Oct: still the holiday, nothing is due yet
    expect(await page.getByTestId('sim-clock').innerText()).toContain('节假日');
    await page.getByTestId('sim-advance-P7D').click();
    await expect.poll(async () => { const t = await page.getByTestId('simulate-panel').innerText(); if (!t.includes('timer sla.due')) console.log(t); return t; }).toContain('timer sla.due');
    await expect.poll(() => page.getByTestId('simulate-panel').innerText()).toContain('乡镇审核员');
    for (let i = 0; i < signers; i++) await page.getByTestId('sim-act-review-approve').first().click();
    await expect.poll(() => page.getByTestId('sim-state').innerText()).toContain('done');
    // the SMS to the initiator on 办结, rendered from the template (reminders and the escalation notice use it too)
    await expect.poll(() => page.getByTestId('sim-notify').filter({ hasText: '通知·sms' }).count()).toBe(1);
    expect(await page.getByTestId('sim-notify').filter({ hasText: '通知·sms' }).innerText()).toMatch(/案件.+已办结，联系电话13800138000/);
    await page.getByTestId('sim-scenario-name').fill('国庆前上报，超时升级后会签办结');
    await page.getByTestId('sim-save').click();
    await expect.poll(() => page.getByTestId('scenarios').innerText()).toContain('通过');
    await shot('04-simulate');
  });

  it('publishes version 1 (lint clean, the scenario replayed by the server)', async () => {
    await publishFromEditor(page, h.apiUrl, 'shop-front', 1);
    await page.getByTestId('publish-confirm').waitFor({ state: 'hidden' }); // the dialog closed on success
    const admin = await apiLogin(h.apiUrl, 'county-admin');
    const versions = await call(h.apiUrl, admin, 'GET', '/api/definitions/shop-front/versions');
    expect(versions.body.items).toMatchObject([{ id: 'shop-front', version: 1, status: 'published' }]);
  });

  it('a grid worker reports a case in the workbench; each signer of both roles approves it on the case page; it is closed', async () => {
    const worker = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const w = await worker.newPage();
    w.setDefaultTimeout(120_000);
    await login(w, 'grid-worker-510722001001002-1', '/start');
    await w.getByRole('link', { name: '门前三包巡查' }).click();
    await w.getByLabel('情况说明').fill('店外堆放杂物');
    await w.getByLabel('经营者身份证号').fill(idNumber('51072219850312123'));
    await w.getByLabel('联系电话').fill('13800138000');
    await w.locator('input[type=file]').setInputFiles({ name: 'shop.png', mimeType: 'image/png', buffer: png });
    await w.getByRole('img', { name: '照片' }).first().waitFor(); // the uploaded photo's preview (as in the workbench journeys)
    await w.getByTestId('submit-report').click();
    const ref = (await w.getByText(/已提交，案件编号 TB\w+/).innerText()).match(/TB\w+/)![0];
    await shot('05-reported', w);
    await worker.close();
    const row = (await h.rt.db.knex('cases').where({ ref }).first()) as { id: string; definition_id: string };
    expect(row.definition_id).toBe('shop-front');
    const tasks = (await h.rt.db.knex('tasks').where({ case_id: row.id, status: 'pending' })) as Array<{ id: string; assignee: string | null; candidates: string }>;
    const signers = tasks.map((t) => t.assignee ?? (JSON.parse(t.candidates) as string[])[0]!);
    const users = (await h.rt.db.knex('users').whereIn('id', signers).select('username')) as Array<{ username: string }>;
    const roles = (await h.rt.db.knex('role_assignments').whereIn('user_id', signers).distinct('role')) as Array<{ role: string }>;
    expect(roles.map((r) => r.role)).toEqual(expect.arrayContaining(['community-officer', 'grid-leader'])); // 会签 by two roles
    for (const { username } of users) {
      const ctx: BrowserContext = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      const p = await ctx.newPage();
      p.setDefaultTimeout(120_000);
      await login(p, username, '/tasks');
      await p.getByRole('link', { name: ref }).first().click();
      await p.getByTestId('case-ref').waitFor();
      await approveOnCasePage(p, username);
      await ctx.close();
    }
    await expect.poll(async () => ((await h.rt.db.knex('cases').where({ id: row.id }).first()) as { state: string; status: string }).state).toBe('closed');
  });

  it('two admins on one draft: the later save gets a clear conflict, and nothing is lost', async () => {
    // continue after a reload (the working copy comes back from the device; the server dropped the published draft).
    // In the full parallel suite the canvas once stayed unmeasured after the publish dialog on a starved host.
    await page.reload();
    await page.getByTestId('toolbar').waitFor();
    await shot('05-after-publish');
    await selectNode('review');
    const before = await revision();
    await page.getByTestId('state-title').fill('复核');
    await savedAfter(before); // the server holds my edit (not merely "saved" from before the edit)
    // another admin session saves the same draft
    const other = await apiLogin(h.apiUrl, 'county-admin');
    const server = await call(h.apiUrl, other, 'GET', '/api/designer/drafts/shop-front');
    const theirs = { ...server.body.definition, title: { 'zh-CN': '门前三包巡查（乡镇版）', en: 'Shop-front (township)' } };
    expect((await call(h.apiUrl, other, 'PUT', '/api/designer/drafts/shop-front', { definition: theirs, baseRevision: server.body.revision })).status).toBe(200);
    await page.getByTestId('state-title').fill('复核确认');
    await page.getByTestId('conflict-theirs').waitFor();
    expect(await page.locator('.ant-modal').filter({ hasText: '草稿已被他人修改' }).innerText()).toContain('张洋');
    await page.getByTestId('conflict-theirs').click();
    await expect.poll(() => page.getByTestId('toolbar').innerText()).toContain('门前三包巡查（乡镇版）');
    await page.getByTestId('toolbar').click({ position: { x: 5, y: 5 } }); // focus outside any field, then the shortcut
    await page.keyboard.press('Control+z'); // mine is one undo away
    await expect.poll(() => page.getByTestId('state-title').inputValue()).toBe('复核确认');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.getByTestId('toolbar').innerText()).toContain('门前三包巡查（乡镇版）');
  });
});

describe('designer journey: an expired session loses nothing', () => {
  it('an edit made as the session ends stays on the device and comes back after logging in again', async () => {
    await selectNode('review');
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 120_000 }).toBe('saved');
    // the admin's sessions end on the server (as on expiry or a logout elsewhere)
    const other = await apiLogin(h.apiUrl, 'county-admin');
    expect((await call(h.apiUrl, other, 'POST', '/api/auth/logout')).status).toBe(200);
    await page.getByTestId('state-title').fill('会话过期时的修改');
    // the autosave is refused with 401; the shell sends the admin to its login page, the edit is kept on the device
    await page.waitForURL(/\/login\?next=/);
    try { await fillLogin(page, 'county-admin'); } finally { await shot('06-login-after-expiry'); }
    if (!new URL(page.url()).pathname.startsWith('/designer/shop-front')) await page.goto(`${h.pageUrl}/designer/shop-front`);
    await page.getByTestId('toolbar').waitFor();
    await page.getByTestId('restored').waitFor();
    await shot('06-after-expiry');
    await selectNode('review');
    await expect.poll(() => page.getByTestId('state-title').inputValue()).toBe('会话过期时的修改');
  });
});
