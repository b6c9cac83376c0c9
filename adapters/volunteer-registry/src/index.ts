/**
 * volunteer-registry: the national volunteer system has no public API, so Tongban integrates by batch
 * files (interfaces.md §5). `record-hours` keeps service hours per project in the plugin store (a case
 * calls it when hours are confirmed); `export` writes a project's hours as a CSV in the configured
 * layout to the export folder (a bulk export: logged with counts only); `import-profiles` reads a
 * profile CSV, keyed by 统一编号, rejecting rows line by line with reasons. Behind this interface an
 * API can replace the files later.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { definePlugin, defineOperation, PermanentError } from '@tongban/plugin-sdk';
import { parseCsv, toCsv } from './csv.ts';
import { DEFAULT_HOURS_LAYOUT, DEFAULT_PROFILE_LAYOUT, type Column } from './layout.ts';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const f = (zh: string, en: string, extra: Record<string, unknown>) => ({ ...extra, 'x-title': t(zh, en), 'x-help': t(zh, en) });

interface Config { exportDir: string; hoursLayout: Column[]; profileLayout: Column[] }
interface HourRecord { volunteerNo: string; name?: string; date: string; hours: number; content?: string }

const NO = /^[0-9A-Z]{8,20}$/;
const columns = { type: 'array', items: { type: 'object', required: ['header', 'field'], properties: { header: f('列名', 'Header', { type: 'string' }), field: f('字段', 'Field', { type: 'string' }) } } };

const recordHours = defineOperation<{ projectCase: string; volunteerNo: string; name?: string; date: string; hours: number; content?: string }, { recorded: boolean }, Config>({
  title: t('登记服务时长', 'Record service hours'), description: t('确认后的服务时长记入项目，待批量导出', 'Confirmed hours, kept for the project’s batch export'),
  input: { type: 'object', additionalProperties: false, required: ['projectCase', 'volunteerNo', 'date', 'hours'], properties: {
    projectCase: f('项目案件', 'Project case', { type: 'string' }), volunteerNo: f('统一编号', 'Volunteer no.', { type: 'string', pattern: NO.source }),
    name: f('姓名', 'Name', { type: 'string', 'x-pii': 'name' }), date: f('服务日期', 'Date', { type: 'string', format: 'date' }),
    hours: f('时长', 'Hours', { type: 'number', minimum: 0.5, maximum: 24, multipleOf: 0.5 }), content: f('内容', 'Content', { type: 'string', maxLength: 200 }) } },
  output: { type: 'object', required: ['recorded'], properties: { recorded: { type: 'boolean', 'x-title': t('已登记', 'Recorded') } } },
  async run(ctx, input) {
    // keyed by volunteer and date: a retried call records once
    await ctx.store.put(`hours:${input.projectCase}:${input.volunteerNo}:${input.date}`, { volunteerNo: input.volunteerNo, name: input.name, date: input.date, hours: input.hours, content: input.content });
    return { recorded: true };
  },
});

const exportHours = defineOperation<{ projectCase: string; projectName: string; organiserOrg?: string }, { file: string; rows: number }, Config>({
  title: t('导出服务时长', 'Export service hours'), description: t('按全国志愿服务信息系统导入模板生成项目的时长批量文件', 'Writes the project’s hours as a batch file in the national system’s import layout'),
  input: { type: 'object', additionalProperties: false, required: ['projectCase', 'projectName'], properties: {
    projectCase: f('项目案件', 'Project case', { type: 'string' }), projectName: f('项目名称', 'Project', { type: 'string', maxLength: 100 }), organiserOrg: f('组织单位', 'Organiser', { type: 'string' }) } },
  output: { type: 'object', required: ['file', 'rows'], properties: { file: { type: 'string', 'x-title': t('文件', 'File') }, rows: { type: 'integer', 'x-title': t('行数', 'Rows') } } },
  retry: { attempts: 3, backoff: { initialMs: 60_000, factor: 2, maxMs: 3_600_000 } },
  async run(ctx, input) {
    const records = (await ctx.store.list<HourRecord>(`hours:${input.projectCase}:`, 100_000)).map((e) => e.value);
    const layout = ctx.config.hoursLayout;
    const rows = records.sort((a, b) => a.volunteerNo.localeCompare(b.volunteerNo) || a.date.localeCompare(b.date))
      .map((r) => layout.map((c) => ({ ...r, projectName: input.projectName, projectRef: input.projectCase, organiser: input.organiserOrg ?? '' } as Record<string, unknown>)[c.field]));
    const dir = path.resolve(ctx.config.exportDir);
    await mkdir(dir, { recursive: true });
    // one file per project and call: a retry overwrites its own file, never adds a second
    const file = path.join(dir, `hours-${input.projectCase.replace(/[^A-Za-z0-9-]/g, '_')}-${ctx.idempotencyKey.replace(/[^A-Za-z0-9-]/g, '_').slice(-24)}.csv`);
    await writeFile(file, toCsv(layout.map((c) => c.header), rows), { mode: 0o640 });
    ctx.logger.info({ project: input.projectCase, rows: rows.length, code: 'volunteer.bulk-export' }, 'volunteer hours exported');
    return { file, rows: rows.length };
  },
});

const importProfiles = defineOperation<{ csv: string }, { imported: number; rejected: Array<{ line: number; reason: string }> }, Config>({
  title: t('导入志愿者档案', 'Import volunteer profiles'), description: t('从全国系统导出的档案 CSV 导入，按统一编号去重', 'Imports the national system’s profile CSV, keyed by 统一编号'),
  input: { type: 'object', additionalProperties: false, required: ['csv'], properties: { csv: f('CSV 文本', 'CSV text', { type: 'string', maxLength: 20_000_000, 'x-pii': 'private' }) } },
  output: { type: 'object', required: ['imported', 'rejected'], properties: { imported: { type: 'integer', 'x-title': t('导入数', 'Imported') }, rejected: { type: 'array', 'x-title': t('拒绝', 'Rejected') } } },
  async run(ctx, input) {
    const [header, ...rows] = parseCsv(input.csv);
    if (!header) throw new PermanentError('volunteer.empty-file', '文件为空', { en: 'The file is empty' });
    const index = ctx.config.profileLayout.map((c) => [c.field, header.indexOf(c.header)] as const);
    const missing = index.filter(([field, i]) => i < 0 && (field === 'volunteerNo' || field === 'name')).map(([field]) => field);
    if (missing.length) throw new PermanentError('volunteer.bad-header', `缺少必需列：${missing.join('、')}`, { en: `Missing columns: ${missing.join(', ')}` });
    const rejected: Array<{ line: number; reason: string }> = [];
    let imported = 0;
    for (const [n, row] of rows.entries()) {
      const p = Object.fromEntries(index.filter(([, i]) => i >= 0).map(([field, i]) => [field, (row[i] ?? '').trim()]));
      const reason = !NO.test(p.volunteerNo ?? '') ? 'volunteerNo' : !p.name ? 'name' : p.phone && !/^1[3-9]\d{9}$/.test(p.phone) ? 'phone' : p.birthDate && Number.isNaN(Date.parse(p.birthDate)) ? 'birthDate' : undefined;
      if (reason) { rejected.push({ line: n + 2, reason }); continue; }
      await ctx.store.put(`volunteer:${p.volunteerNo}`, p);
      imported++;
    }
    ctx.logger.info({ imported, rejected: rejected.length, code: 'volunteer.bulk-import' }, 'volunteer profiles imported');
    return { imported, rejected };
  },
});

export default definePlugin<Config>({
  id: 'volunteer-registry', version: '1.0.0', sdk: '^1',
  title: t('全国志愿服务信息系统', 'National volunteer registry'), description: t('批量导出服务时长、导入志愿者档案', 'Batch export of hours, import of profiles'),
  config: { version: 1, schema: { type: 'object', additionalProperties: false, properties: {
    exportDir: f('导出目录', 'Export folder', { type: 'string', default: './data/volunteer-exports' }),
    hoursLayout: { ...columns, ...f('时长文件列', 'Hours columns', {}), default: DEFAULT_HOURS_LAYOUT },
    profileLayout: { ...columns, ...f('档案文件列', 'Profile columns', {}), default: DEFAULT_PROFILE_LAYOUT } } } },
  operations: { 'record-hours': recordHours, export: exportHours, 'import-profiles': importProfiles },
});
