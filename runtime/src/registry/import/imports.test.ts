import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, type TestRuntime } from '../../testing/testRuntime.ts';
import { testDialects } from '../../testing/testDbs.ts';
import { csvOf, idNumber, xlsxOf, XLSX } from './testing/makeSheet.ts';
import { importLimits } from './importColumns.ts';

const HEAD = ['姓名', '身份证号', '手机号', '网格编码', '人员类别', '紧急联系人', '紧急联系人电话'];
const G1 = GRID1.split('/').pop()!;
const ids = Array.from({ length: 6 }, (_, i) => idNumber('510722', `19${40 + i}0101`, 100 + i));

describe.each(testDialects)('registry import and export on %s', (dialect) => {
  let t: TestRuntime;
  let admin: string;
  const post = (kind: string, mode: string, bytes: Buffer, type = XLSX, token = admin) =>
    t.api('POST', `/api/registry/imports/${kind}?mode=${mode}`, { token, raw: bytes, headers: { 'content-type': type } });
  const count = async (table: string) => Number(((await t.db.knex(table).count({ n: '*' })) as Array<{ n: number }>)[0]!.n);

  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    admin = await t.token('admin');
  }, 120_000);
  afterAll(async () => t?.close());

  it('offers a template per kind in both formats, ID columns formatted as text', async () => {
    const res = await fetch(`${t.url}/api/registry/templates/residents?format=xlsx`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('居民档案导入模板.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).text).toBe('姓名*');
    expect(ws.getColumn(2).numFmt).toBe('@');
    expect(wb.worksheets[1]!.getRow(2).getCell(1).text).toContain('表头');
    const csv = await fetch(`${t.url}/api/registry/templates/devices?format=csv`, { headers: { authorization: `Bearer ${admin}` } });
    const csvBytes = Buffer.from(await csv.arrayBuffer());
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
    expect(csvBytes.subarray(3).toString('utf8')).toMatch(/^设备编号\*,设备类型\*,网格编码\*/);
    expect((await t.api('GET', '/api/registry/templates/users', { token: await t.token('grid1') })).status).toBe(403);
  });

  it('a dry run reports every row’s problems with row and column, and writes nothing', async () => {
    const bytes = await xlsxOf([
      HEAD,
      ['张三', ids[0]!, '13800000001', G1, '独居老人', '张小', '13900000001'],
      ['李四', ids[1]!.slice(0, 17) + (ids[1]![17] === '1' ? '2' : '1'), '13800000002', G1, '', '', ''], // bad check digit
      ['王五', ids[2]!, '13800000001', G1, '', '', ''], // duplicate phone
      ['赵六', Number(ids[3]!.slice(0, 15) + '000'), '13800000004', G1, '', '', ''], // stored as a number
      ['钱七', ids[4]!, { formula: 'CONCAT("138","00000005")', result: '13800000005' }, '510722999999999', '', '', ''], // formula, unknown grid
      ['孙八', ids[5]!, '１３８０００００００６', G1, '独居', '', ''], // full-width phone, unknown category
      ['周九', ids[5]!.slice(0, 16), '13800000007', G1, '', '', ''], ['', '', '', G1, '', '', ''],
    ], { merge: ['D8:D9'] });
    const before = await count('residents');
    const res = await post('residents', 'dry-run', bytes);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const got = res.body.problems.map((p: { row: number; column: string; code: string }) => `${p.row}${p.column}:${p.code}`);
    expect(got).toEqual(expect.arrayContaining(['3B:id-number.checksum', '4C:phone.duplicate', '5B:id-number.as-number', '6C:cell.formula', '6D:org.unknown',
      '7C:text.normalized', '7E:category.unknown', '8B:id-number.shape', '8D:cell.merged']));
    expect(res.body.problems.find((p: { code: string }) => p.code === 'id-number.checksum').message['zh-CN']).toContain('校验位');
    expect(res.body.problems.find((p: { code: string }) => p.code === 'text.normalized').severity).toBe('warning');
    expect(res.body).toMatchObject({ mode: 'dry-run', applied: false, created: 1 });
    expect(await count('residents')).toBe(before);
    const refused = await post('residents', 'apply', bytes);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('import.has-problems');
    expect(refused.body.error.details.report.errors).toBeGreaterThan(5);
    expect(await count('residents')).toBe(before);
  });

  it('refuses wrong columns, too many rows and too large a file with coded messages', async () => {
    const wrong = await post('residents', 'dry-run', await xlsxOf([['姓名', '身份号码', '网格编码'], ['张三', ids[0]!, G1]]));
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('import.wrong-columns');
    expect(wrong.body.error.details.problems.map((p: { column: string; code: string }) => `${p.column}:${p.code}`)).toEqual(['B:column.unknown', ':column.missing']);
    const many = csvOf([HEAD, ...Array.from({ length: importLimits.maxRows + 1 }, (_, i) => ['某', idNumber('510722', '19500101', i), '', G1, '', '', ''])]);
    const tooMany = await post('residents', 'dry-run', many, 'text/csv');
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error).toMatchObject({ code: 'import.too-many-rows', details: { limit: importLimits.maxRows, rows: importLimits.maxRows + 1 } });
    const big = await post('residents', 'dry-run', Buffer.alloc(importLimits.maxBytes + 10, 0x41), 'text/csv');
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('import.file-too-large');
    const junk = await post('residents', 'dry-run', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(junk.status).toBe(400);
    expect(junk.body.error.code).toBe('import.bad-file');
  });

  it('imports all or nothing, idempotent on re-import', async () => {
    const rows = [HEAD, ['张三', ids[0]!, '13800000001', G1, '独居老人、老年人', '张小', '13900000001'], ['李四', ids[1]!, '13800000002', G1, '低保', '', '']];
    const bytes = await xlsxOf(rows);
    const first = await post('residents', 'apply', bytes);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ applied: true, created: 2, updated: 0, unchanged: 0, errors: 0 });
    const again = await post('residents', 'apply', bytes);
    expect(again.body).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 2 });
    rows[2]![2] = '13800000022';
    const changed = await post('residents', 'apply', csvOf(rows as string[][]), 'text/csv');
    expect(changed.body).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const found = await t.api('GET', `/api/residents?idNumber=${ids[1]}`, { token: admin });
    expect(found.body.items[0]).toMatchObject({ version: 2, phone: '138****0022' });
    const audit = (await t.db.knex('audit_log').where({ action: 'registry.import' })) as Array<{ detail: string }>;
    expect(audit.map((a) => JSON.parse(a.detail).created)).toEqual([2, 0]);
  });

  it('exports masked by default; revealed with a purpose, audited, and re-imports unchanged', async () => {
    const masked = await fetch(`${t.url}/api/registry/exports/residents`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ format: 'csv' }) });
    const text = await masked.text();
    expect(text).toContain('5****************');
    expect(text).not.toContain(ids[0]!);
    const denied = await t.api('POST', '/api/registry/exports/residents', { token: admin, body: { format: 'csv', reveal: true } });
    expect(denied.status).toBe(403);
    const plain = await fetch(`${t.url}/api/registry/exports/residents`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ format: 'xlsx', reveal: true, purpose: 'registry-maintenance' }) });
    const bytes = Buffer.from(await plain.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const idsOut = wb.worksheets[0]!.getColumn(2).values.slice(2);
    expect(idsOut).toEqual(expect.arrayContaining([ids[0], ids[1]]));
    const entry = (await t.db.knex('audit_log').where({ action: 'registry.export' }).orderBy('seq', 'desc').first()) as { detail: string };
    expect(JSON.parse(entry.detail)).toMatchObject({ kind: 'residents', reveal: true, purpose: 'registry-maintenance' });
    const back = await post('residents', 'apply', bytes);
    expect(back.body).toMatchObject({ created: 0, updated: 0, errors: 0 });
    expect(back.body.unchanged).toBe(back.body.rows);
  });

  it('onboards a township: org units, users with roles, residents and devices', async () => {
    const units = await post('org-units', 'apply', await xlsxOf([['组织编码', '名称'], ['510722300001001', '新村第一网格'], ['510722300', '新镇'], ['510722300001', '新村'], ['510722300002001', '无上级网格']]));
    expect(units.status).toBe(422);
    expect(units.body.error.details.report.problems.map((p: { row: number; code: string }) => `${p.row}:${p.code}`)).toEqual(['5:org.no-parent']);
    const ok = await post('org-units', 'apply', await xlsxOf([['组织编码', '名称'], ['510722300001001', '新村第一网格'], ['510722300', '新镇'], ['510722300001', '新村']]));
    expect(ok.body).toMatchObject({ applied: true, created: 3 });
    const users = await post('users', 'apply', await xlsxOf([['用户名', '姓名', '组织编码', '角色'], ['new-grid-1', '新网格员', '510722300001001', '网格员'], ['new-officer', '新社工', '510722300001', '社区工作者、调解员'.replace('调解员', '人民调解员')]]));
    expect(users.status, JSON.stringify(users.body)).toBe(200);
    expect(users.body).toMatchObject({ created: 2 });
    expect(await t.db.knex('role_assignments').where({ user_id: (await t.db.knex('users').where({ username: 'new-officer' }).first('id')).id }).pluck('role')).toEqual(expect.arrayContaining(['community-officer', 'mediator']));
    const res = await post('residents', 'apply', await xlsxOf([HEAD, ['新居民', ids[2]!, '13800000033', '510722300001001', '独居老人', '新家属', '13900000033']]));
    expect(res.body).toMatchObject({ created: 1 });
    const dev = await post('devices', 'apply', await xlsxOf([['设备编号', '设备类型', '网格编码', '居民身份证号'], ['new-dev-1', '一键呼叫按钮', '510722300001001', ids[2]!], ['new-dev-2', '烟感', G1, ids[2]!]]));
    expect(dev.status).toBe(422);
    expect(dev.body.error.details.report.problems.map((p: { row: number; column: string; code: string }) => `${p.row}${p.column}:${p.code}`)).toEqual(['3D:resident.other-grid']);
    const dev2 = await post('devices', 'apply', await xlsxOf([['设备编号', '设备类型', '网格编码', '居民身份证号'], ['new-dev-1', '一键呼叫按钮', '510722300001001', ids[2]!]]));
    expect(dev2.body).toMatchObject({ created: 1 });
    expect((await t.api('GET', '/api/devices?orgPath=/510722/510722300', { token: admin })).body.items.map((d: { id: string }) => d.id)).toEqual(['new-dev-1']);
  });

  it('grid sensors’ sites from the sheet (安装地点, 楼栋编号, 纬度, 经度, 坐标系): coded per-row problems, exported back, re-imported unchanged', async () => {
    const head = ['设备编号', '设备类型', '网格编码', '居民身份证号', '状态', '报警主机账号', '安装地点', '楼栋编号', '纬度', '经度', '坐标系'];
    const bad = await post('devices', 'dry-run', await xlsxOf([head,
      ['site-dev-1', '烟感', G1, '', '', '', '3栋2单元楼道', 'B3', '30.871', '105.382', ''],
      ['site-dev-2', '烟感', '510722999999999', '', '', '', '泵房', '', '30.87', '105.38', ''], // unknown grid
      ['site-dev-3', '水浸探测器', G1, '', '', '', '泵房', '', '', '', ''], // a place without coordinates
      ['site-dev-4', '烟感', G1, '', '', '', '车棚', '', '北纬30度', '105.38', ''], // not a number
      ['site-dev-5', '烟感', G1, '', '', '', '车棚', '', '30.87', '105.38', 'BD09'], // another datum
      ['site-dev-6', '烟感', G1, '', '', '', '车棚', '', '60.5', '105.38', ''], // outside China
    ]));
    expect(bad.status, JSON.stringify(bad.body)).toBe(200);
    const got = bad.body.problems.map((p: { row: number; column: string; code: string }) => `${p.row}${p.column}:${p.code}`);
    expect(got).toEqual(['3C:org.unknown', '4I:device-site.incomplete', '5I:device-site.coordinates', '6K:device-site.datum', '7I:device-site.out-of-china']);
    expect(bad.body.problems.find((p: { code: string }) => p.code === 'device-site.incomplete').message['zh-CN']).toContain('经度');
    const before = await count('devices');
    expect((await post('devices', 'apply', await xlsxOf([head, ['site-dev-1', '烟感', G1, '', '', '', '3栋2单元楼道', 'B3', '30.871', '105.382', ''], ['site-dev-2', '烟感', '510722999999999', '', '', '', '泵房', '', '30.87', '105.38', '']]))).status).toBe(422);
    expect(await count('devices')).toBe(before); // all or nothing
    const ok = await post('devices', 'apply', await xlsxOf([head, ['site-dev-1', '烟感', G1, '', '', '', '3栋2单元楼道', 'B3', '30.871', '105.382', '']]));
    expect(ok.body).toMatchObject({ created: 1, errors: 0 });
    expect((await t.api('GET', '/api/devices/site-dev-1', { token: admin })).body.site).toEqual({ lat: 30.871, lng: 105.382, datum: 'CGCS2000', place: '3栋2单元楼道', buildingId: 'B3' });
    // a sheet without the site columns keeps the site; one with an empty site clears it
    expect((await post('devices', 'apply', await xlsxOf([head.slice(0, 3), ['site-dev-1', '烟感', G1]]))).body).toMatchObject({ unchanged: 1 });
    // exported with the residents' ID numbers revealed (a masked one cannot be read back), with the site columns
    const exported = await fetch(`${t.url}/api/registry/exports/devices`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ format: 'xlsx', reveal: true, purpose: 'registry-maintenance' }) });
    const wb = new ExcelJS.Workbook();
    const bytes = Buffer.from(await exported.arrayBuffer());
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as string[]).slice(7, 12).map((h) => h.replace('*', ''))).toEqual(['安装地点', '楼栋编号', '纬度', '经度', '坐标系']);
    const row = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(1).text === 'site-dev-1')!;
    expect([7, 8, 9, 10, 11].map((c) => row.getCell(c).text)).toEqual(['3栋2单元楼道', 'B3', '30.871', '105.382', 'CGCS2000']);
    const back = await post('devices', 'apply', bytes);
    expect(back.body).toMatchObject({ created: 0, updated: 0, errors: 0 });
    expect((await post('devices', 'apply', await xlsxOf([head, ['site-dev-1', '烟感', G1, '', '', '', '', '', '', '', '']]))).body).toMatchObject({ updated: 1 });
    expect((await t.api('GET', '/api/devices/site-dev-1', { token: admin })).body.site).toBeUndefined();
  });

  it('users from a sheet: the API’s rank and subtree rules per row; new accounts get a one-time password changed at first sign-in', async () => {
    const ta = await t.api('POST', '/api/admin/users', { token: admin, body: { username: 'imp-tadmin', name: '东城镇管理员', orgPath: '/510722/510722100', password: 'Start1234', mustChangePassword: false, roles: [{ role: 'county-admin', orgPath: '/510722/510722100' }] } });
    expect(ta.status, JSON.stringify(ta.body)).toBe(201);
    const township = await t.token('imp-tadmin', 'Start1234');
    const head = ['用户名', '姓名', '组织编码', '角色'];
    const ok = ['imp-grid', '新网格员', G1, '网格员'];
    const sheet = await xlsxOf([head, ok, ['imp-above', '甲', '510722100', '县级管理员'], ['imp-peer', '乙', '510722100', 'county-dispatcher'], ['imp-west', '丙', '510722200001', '社区工作者']]);
    const dry = await post('users', 'dry-run', sheet, XLSX, township);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.problems.map((p: { row: number; column: string; code: string }) => `${p.row}${p.column}:${p.code}`)).toEqual(['3D:role.above-own', '4D:role.above-own', '5C:org.out-of-scope']);
    expect(dry.body.problems[0].message['zh-CN']).toContain('高于本人');
    expect(dry.body.initialPasswords).toBeUndefined();
    expect((await post('users', 'apply', sheet, XLSX, township)).body.error.code).toBe('import.has-problems');
    expect(await t.db.knex('users').whereIn('username', ['imp-grid', 'imp-above']).count({ n: '*' }).then((r) => Number((r[0] as { n: number }).n))).toBe(0);
    // the county admin may grant the same roles
    expect((await post('users', 'dry-run', sheet)).body.errors).toBe(0);

    const applied = await post('users', 'apply', await xlsxOf([head, ok]), XLSX, township);
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.initialPasswords).toEqual([{ row: 2, username: 'imp-grid', password: expect.stringMatching(/^Tb[A-Za-z2-9]{9}[2-9]$/) }]);
    const password = applied.body.initialPasswords[0].password as string;
    const login = await t.api('POST', '/api/auth/login', { body: { username: 'imp-grid', password } });
    expect([login.status, login.body.error.code]).toEqual([403, 'auth.password-change-required']);
    expect((await t.api('POST', '/api/me/password', { token: login.body.error.details.token, body: { current: password, next: 'Mine12345' } })).status).toBe(200);
    expect((await t.api('POST', '/api/auth/login', { body: { username: 'imp-grid', password: 'Mine12345' } })).status).toBe(200);
    // audited by username; the password is in no stored row
    const entry = (await t.db.knex('audit_log').where({ action: 'registry.import' }).orderBy('seq', 'desc').first()) as { detail: string };
    expect(JSON.parse(entry.detail)).toMatchObject({ kind: 'users', created: 1, initialPasswordsIssued: ['imp-grid'] });
    const everything = JSON.stringify(await t.db.knex('audit_log').select('detail')) + JSON.stringify(await t.db.knex('users').select('*'));
    expect(everything).not.toContain(password);
    // a re-import changes nothing and issues no password
    const again = await post('users', 'apply', await xlsxOf([head, ok]), XLSX, township);
    expect(again.body).toMatchObject({ created: 0, unchanged: 1 });
    expect(again.body.initialPasswords).toBeUndefined();
  });

  it('staff without admin rights may not import (refused before the file is read)', async () => {
    const west = await t.token('reviewer.west');
    expect((await post('residents', 'dry-run', await xlsxOf([HEAD]), XLSX, west)).status).toBe(403);
  });

  it('reads a CSV saved by Excel on Chinese Windows (GB18030, not UTF-8)', async () => {
    // 姓名,身份证号,网格编码 / 张三,… in GBK bytes
    const gbk = (hex: string) => Buffer.from(hex.replace(/\s/g, ''), 'hex');
    const bytes = Buffer.concat([gbk('D0D5 C3FB'), Buffer.from(','), gbk('C9ED B7DD D6A4 BAC5'), Buffer.from(','), gbk('CDF8 B8F1 B1E0 C2EB'), Buffer.from('\r\n'),
      gbk('D5C5 C8FD'), Buffer.from(`,${ids[3]},${G1}\r\n`)]);
    const res = await post('residents', 'dry-run', bytes, 'text/csv');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ rows: 1, errors: 0 });
  });
});
