/**
 * Issue 9 journey "onboard a township from a spreadsheet", in Chromium against `npm start`: a county
 * admin imports the new township's org units, then its residents — first a sheet with a bad ID number
 * (the dry run names the row, the column and the problem; nothing is written), then the fixed sheet —
 * and finds a resident by ID number, masked, and reveals it with a purpose. axe-core on each screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type App } from './testing/startApp.ts';
import { axeViolations, launch, login, pickSelectOption, shot } from './testing/browser.ts';
import { idNumber, xlsxOf, XLSX } from '../../runtime/src/registry/import/testing/makeSheet.ts';

let app: App;
let browser: Browser;
const ELDER_ID = idNumber('510722', '19380512', 21);
const BAD_ID = ELDER_ID.slice(0, 17) + (ELDER_ID[17] === '1' ? '2' : '1');
const GRID = '510722300001001';

beforeAll(async () => {
  app = await startApp();
  browser = await launch();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function upload(p: Page, name: string, bytes: Buffer) {
  await p.locator('input[type=file]').setInputFiles({ name, mimeType: XLSX, buffer: bytes });
  await p.getByTestId('import-check').click();
}
async function chooseKind(p: Page, label: string) {
  await pickSelectOption(p, p.getByTestId('import-kind'), label);
}

describe('onboard a township from a spreadsheet', () => {
  it('imports org units and residents with a dry run first, then finds and reveals a resident', async () => {
    const p = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
    await login(p, app.url, 'county-admin', '/admin/import');
    await p.getByTestId('import-kind').waitFor();
    expect(await axeViolations(p)).toEqual([]);

    await chooseKind(p, '组织机构');
    await upload(p, '新镇组织.xlsx', await xlsxOf([['组织编码', '名称'], ['510722300', '新兴镇'], ['510722300001', '新兴社区'], [GRID, '新兴社区第一网格']]));
    await expect.poll(() => p.getByTestId('import-summary').innerText()).toContain('检查通过');
    await p.getByTestId('import-apply').click();
    await expect.poll(() => p.getByTestId('import-done').innerText()).toContain('新增 3');

    // staff: each new account's one-time initial password is shown once, to hand over; changed at first sign-in
    await chooseKind(p, '工作人员');
    await upload(p, '新兴镇人员.xlsx', await xlsxOf([['用户名', '姓名', '组织编码', '角色'], ['xinxing-grid-1', '新兴网格员', GRID, '网格员']]));
    await expect.poll(() => p.getByTestId('import-summary').innerText()).toContain('检查通过');
    await p.getByTestId('import-apply').click();
    const password = await p.getByTestId('initial-password').first().innerText();
    expect(password).toMatch(/^Tb[A-Za-z2-9]{9}[2-9]$/);
    expect(await axeViolations(p)).toEqual([]);
    const first = await app.api('POST', '/api/auth/login', { body: { username: 'xinxing-grid-1', password } });
    expect([first.status, first.body.error.code]).toEqual([403, 'auth.password-change-required']);

    await chooseKind(p, '居民档案');
    const head = ['姓名', '身份证号', '手机号', '网格编码', '人员类别', '紧急联系人', '紧急联系人电话'];
    await upload(p, '新兴社区居民.xlsx', await xlsxOf([head, ['林秀英', BAD_ID, '13811112222', GRID, '独居老人', '林强', '13911112222']]));
    await expect.poll(() => p.getByTestId('problem-message').allInnerTexts()).toContainEqual(expect.stringContaining('校验位'));
    const cells = await p.getByTestId('import-problems').locator('tbody tr').first().locator('td').allInnerTexts();
    expect(cells.slice(0, 2)).toEqual(['2', 'B']);
    expect(await p.getByTestId('import-apply').isDisabled()).toBe(true);
    expect(await axeViolations(p)).toEqual([]);
    await shot(p, 'import-dry-run-report');
    expect((await app.api('GET', '/api/residents?orgPath=/510722/510722300', { token: await app.token('county-admin') })).body.items).toEqual([]);

    await upload(p, '新兴社区居民.xlsx', await xlsxOf([head, ['林秀英', ELDER_ID, '13811112222', GRID, '独居老人', '林强', '13911112222']]));
    await expect.poll(() => p.getByTestId('import-summary').innerText()).toContain('检查通过');
    await p.getByTestId('import-apply').click();
    await expect.poll(() => p.getByTestId('import-done').innerText()).toContain('新增 1');

    await p.goto(`${app.url}/admin/residents?idNumber=${ELDER_ID}`);
    await expect.poll(() => p.getByTestId('resident-name').allInnerTexts()).toEqual(['林*英']);
    await p.getByTestId('resident-name').first().click();
    await expect.poll(() => p.getByTestId('resident-id-number').innerText()).toBe(`${ELDER_ID[0]}${'*'.repeat(16)}${ELDER_ID[17]}`);
    await p.getByTestId('reveal-open').click();
    await pickSelectOption(p, p.getByTestId('reveal-purpose'), '核验身份');
    await p.getByTestId('reveal-confirm').click();
    await expect.poll(() => p.getByTestId('revealed-idNumber').innerText()).toBe(ELDER_ID);
    // the page as it settles: the purpose picker's dropdown (an unnamed listbox) has finished closing
    await expect.poll(() => p.locator('.ant-select-dropdown:visible').count()).toBe(0);
    expect(await axeViolations(p)).toEqual([]);
    await shot(p, 'resident-reveal');
    const audit = await app.api('GET', '/api/audit?action=resident.reveal', { token: await app.token('county-admin') });
    expect(audit.body.items[0].detail).toMatchObject({ fields: ['idNumber'], purpose: 'verify-identity' });
  }, 240_000);
});
