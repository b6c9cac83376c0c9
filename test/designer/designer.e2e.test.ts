/**
 * Issue 11 item 8: a county admin composes a new service item from scratch in the designer — a
 * 门前三包 inspection: an intake form with an ID number, a phone and a required photo; a countersign
 * (会签) of the community's officers; a reject back to the initiator with a required comment; a
 * 2-working-day limit with a reminder and escalation to the township; an SMS notice — reaches zero
 * lint errors, simulates it across the National Day holiday, saves the run as a scenario, publishes
 * it, and a case of it is then completed. The workbench's case screens are not in main yet, so the
 * case is completed through the runtime's API (as the workbench would call it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiLogin, call, startHarness, type Harness } from './designerHarness.ts';

let h: Harness;
let page: Page;
const shots = process.env.TONGBAN_E2E_SHOTS; // a folder to keep screenshots in (for a human to look at)

async function shot(name: string) { if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true }); }

/** A valid GB 11643 ID number for a birth date (checksum computed, not a real person). */
function idNumber(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = body17.split('').reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return body17 + '10X98765432'[sum % 11];
}

/** Selects a state on the canvas and waits for its panel. */
async function selectNode(id: string) {
  await page.getByTestId(`node-${id}`).click();
  await page.getByTestId(`state-panel-${id}`).waitFor();
}

async function select(testId: string, optionText: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: optionText }).first().click();
}

beforeAll(async () => {
  h = await startHarness();
  page = await h.browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('pageerror', (e) => console.error('pageerror', e.message));
}, 240_000);
afterAll(async () => h?.close());

describe('designer journey: 门前三包 inspection', () => {
  it('logs in as the county admin and creates the item from scratch', async () => {
    await page.goto(`${h.pageUrl}/designer`);
    await page.getByTestId('login-username').fill('county-admin');
    await page.getByTestId('login-password').fill('Tongban@2025');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('item-list').waitFor();
    await expect.poll(() => page.getByText('网格事件').count()).toBeGreaterThan(0);
    await page.getByTestId('new-item').click();
    await page.getByTestId('new-item-id').fill('shop-front');
    await page.getByTestId('new-item-title').fill('门前三包巡查');
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByTestId('toolbar').waitFor();
    try {
      await page.getByTestId('node-review').waitFor({ timeout: 20_000 });
    } finally {
      await page.screenshot({ path: `${shots ?? '/tmp'}/01-new-item.png` });
    }
  });
  it('builds the intake form: an ID number, a phone and a required photo, with a live preview; the draft survives a reload', async () => {
    await page.getByRole('tab', { name: '表单' }).click();
    const add = async (name: string, title: string, type: string, required: boolean, pii?: string) => {
      await page.getByTestId('new-field-name').fill(name);
      await page.getByTestId('new-field-title').fill(title);
      await select('new-field-type', type);
      if (pii) await select('new-field-pii', pii);
      if (required) await page.getByTestId('new-field-required').click();
      await page.getByTestId('new-field-add').click();
      await page.getByTestId(`field-row-${name}`).waitFor();
    };
    await add('ownerId', '经营者身份证号', '身份证号', false);
    await add('phone', '联系电话', '手机号', true);
    await add('photos', '现场照片', '附件/照片', true, 'none');
    await expect.poll(() => page.getByTestId('form-preview').innerText()).toContain('联系电话');
    // the preview checks with the engine's zh-CN messages
    await page.getByTestId('form-preview-check').click();
    await expect.poll(() => page.getByTestId('form-preview-errors').innerText()).toContain('联系电话');
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

  it('composes the step: countersign, reject back to the initiator with a comment, a 2-working-day limit with reminder and escalation, an SMS notice', async () => {
    await page.getByRole('tab', { name: '流程' }).click();
    await selectNode('review');
    await expect.poll(() => page.getByTestId('assignee-answer').innerText()).toMatch(/此步骤交给 .+（社区专干）/);
    await select('task-mode-select', '会签');
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
    await page.locator('.react-flow__edge').first().click({ force: true });
    await page.getByTestId('transition-panel').waitFor();
    await select('add-effect', '发送通知');
    await expect.poll(() => page.getByTestId('notify-preview').innerText()).toContain('已办结');
  });

  it('reaches zero lint errors', async () => {
    await expect.poll(async () => {
      const n = await page.getByTestId('problems-summary').getAttribute('data-errors');
      if (n !== '0') console.log(await page.getByTestId('problems').innerText());
      return n;
    }, { timeout: 10_000 }).toBe('0');
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

describe('designer journey: simulate, publish, run a case', () => {
  it('simulates across the National Day holiday: tasks, timers, the breach ladder and the SMS appear', async () => {
    await page.getByRole('tab', { name: '模拟' }).click();
    await page.getByTestId('sim-start').click();
    await page.getByTestId('sim-task-review').first().waitFor();
    expect(await page.getByTestId('sim-clock').innerText()).toContain('2026-09-30');
    const signers = await page.getByTestId('sim-task-review').count();
    expect(signers).toBeGreaterThan(1); // 会签: every officer of the community
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
    await page.getByTestId('publish').click();
    await page.getByTestId('publish-confirm').click();
    await page.getByText('已发布第 1 版').waitFor();
    const admin = await apiLogin(h.apiUrl, 'county-admin');
    const versions = await call(h.apiUrl, admin, 'GET', '/api/definitions/shop-front/versions');
    expect(versions.body.items).toMatchObject([{ id: 'shop-front', version: 1, status: 'published' }]);
  });

  it('a case of it is completed (through the runtime API: the workbench screens are not in main yet)', async () => {
    const worker = await apiLogin(h.apiUrl, 'grid-worker-510722001001002-1');
    const created = await call(h.apiUrl, worker, 'POST', '/api/cases', {
      definitionId: 'shop-front', orgPath: '/510722/510722001/510722001001/510722001001002',
      data: { description: '店外堆放杂物', ownerId: idNumber('51072219850312123'), phone: '13800138000', photos: ['att-1'] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const tasks = (await h.rt.db.knex('tasks').where({ case_id: created.body.id, status: 'pending' })) as Array<{ id: string; assignee: string | null; candidates: string }>;
    expect(tasks.length).toBeGreaterThan(1);
    for (const t of tasks) {
      const who = t.assignee ?? (JSON.parse(t.candidates) as string[])[0]!;
      const username = (await h.rt.db.knex('users').where({ id: who }).first('username')) as { username: string };
      const token = await apiLogin(h.apiUrl, username.username);
      const r = await call(h.apiUrl, token, 'POST', `/api/tasks/${encodeURIComponent(t.id)}/complete`, { outcome: 'approve' });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const done = await call(h.apiUrl, worker, 'GET', `/api/cases/${created.body.id}`);
    expect(done.body.state).toBe('closed');
  });

  it('two admins on one draft: the later save gets a clear conflict, and nothing is lost', async () => {
    // continue after a reload (the working copy comes back from the device; the server dropped the published draft).
    // In the full parallel suite the canvas once stayed unmeasured after the publish dialog on a starved host.
    await page.reload();
    await page.getByTestId('toolbar').waitFor();
    await shot('05-after-publish');
    await selectNode('review');
    await page.getByTestId('state-title').fill('复核');
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
    // another admin session saves the same draft
    const other = await apiLogin(h.apiUrl, 'county-admin');
    const server = await call(h.apiUrl, other, 'GET', '/api/designer/drafts/shop-front');
    const theirs = { ...server.body.definition, title: { 'zh-CN': '门前三包巡查（乡镇版）', en: 'Shop-front (township)' } };
    expect((await call(h.apiUrl, other, 'PUT', '/api/designer/drafts/shop-front', { definition: theirs, baseRevision: server.body.revision })).status).toBe(200);
    await page.getByTestId('state-title').fill('复核确认');
    await page.getByTestId('conflict-theirs').waitFor({ timeout: 15_000 });
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
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
    // the admin's sessions end on the server (as on expiry or a logout elsewhere)
    const other = await apiLogin(h.apiUrl, 'county-admin');
    expect((await call(h.apiUrl, other, 'POST', '/api/auth/logout')).status).toBe(200);
    await page.getByTestId('state-title').fill('会话过期时的修改');
    // the autosave is refused with 401; the shell asks for a login, the edit is kept on the device
    await page.getByTestId('login-username').waitFor({ timeout: 15_000 });
    await page.getByTestId('login-username').fill('county-admin');
    await page.getByTestId('login-password').fill('Tongban@2025');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-username').waitFor({ state: 'detached' });
    await page.goto(`${h.pageUrl}/designer/shop-front`);
    try {
      await page.getByTestId('toolbar').waitFor();
      await page.getByTestId('restored').waitFor();
    } finally { await shot('06-after-expiry'); }
    await selectNode('review');
    await expect.poll(() => page.getByTestId('state-title').inputValue()).toBe('会话过期时的修改');
  });
});
