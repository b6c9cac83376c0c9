import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestHost } from '@tongban/plugin-sdk';
import registry from './index.ts';
import { parseCsv, toCsv } from './csv.ts';

const host = () => createTestHost(registry, { config: { exportDir: mkdtempSync(path.join(tmpdir(), 'vol-')) } });

describe('volunteer-registry', () => {
  it('exports a project’s confirmed hours in the layout, keyed by 统一编号, once per record, with no ID numbers', async () => {
    const h = await host();
    for (const [no, date, hours] of [['11010000000000000001', '2025-03-01', 2], ['11010000000000000001', '2025-03-01', 2], ['11010000000000000002', '2025-03-02', 3.5]] as const) {
      expect((await h.invoke('record-hours', { projectCase: 'case-7', volunteerNo: no, name: '张三', date, hours, content: '助老服务' })).ok).toBe(true);
    }
    const r = await h.invoke('export', { projectCase: 'case-7', projectName: '敬老院陪伴', organiserOrg: '幸福社区' }, { idempotencyKey: 'case-7:r3' });
    expect(r).toMatchObject({ ok: true, output: { rows: 2 } });
    const text = readFileSync((r as { output: { file: string } }).output.file, 'utf8');
    expect(text.startsWith('\uFEFF志愿者统一编号,姓名,项目名称,项目编号,服务日期,服务时长（小时）,服务内容,组织单位\r\n')).toBe(true);
    expect(parseCsv(text).slice(1)).toEqual([
      ['11010000000000000001', '张三', '敬老院陪伴', 'case-7', '2025-03-01', '2', '助老服务', '幸福社区'],
      ['11010000000000000002', '张三', '敬老院陪伴', 'case-7', '2025-03-02', '3.5', '助老服务', '幸福社区'],
    ]);
    expect(h.logs.find((l) => l.code === 'volunteer.bulk-export')).toMatchObject({ rows: 2 });
    h.assertNothingPersonalLogged(['张三']);
  });

  it('imports profiles line by line, rejecting bad rows with reasons; refuses a file without the key column', async () => {
    const h = await host();
    const csv = toCsv(['志愿者统一编号', '姓名', '性别', '出生日期', '手机号码'], [
      ['11010000000000000001', '李四', '男', '1990-01-01', '13800138000'], ['bad', '王五', '', '', ''], ['11010000000000000003', '', '', '', ''], ['11010000000000000004', '赵六', '女', '1990-01-01', '12345'],
      ['11010000000000000005', '钱七, "小七"', '女', '', ''],
    ]);
    expect(await h.invoke('import-profiles', { csv })).toMatchObject({ ok: true, output: { imported: 2, rejected: [{ line: 3, reason: 'volunteerNo' }, { line: 4, reason: 'name' }, { line: 5, reason: 'phone' }] } });
    expect(await h.store.get('volunteer:11010000000000000005')).toMatchObject({ name: '钱七, "小七"' });
    expect(await h.invoke('import-profiles', { csv: toCsv(['姓名'], [['x']]) })).toMatchObject({ ok: false, error: { code: 'volunteer.bad-header', retryable: false } });
    h.assertNothingPersonalLogged(['李四', '13800138000']);
  });
});
