/**
 * 数据导入导出: a template per kind (org units, users with roles, residents, devices) in .xlsx or
 * .csv; an upload checked in a dry run (every row's problems with row and column) and imported all
 * or nothing; exports of the caller's scope, masked unless revealed with a purpose (audited).
 */
import { ForbiddenError, TooLargeError } from '../../errors/DomainError.ts';
import { defineOperation, ok, S, type Operation, type OpResponse } from '../../http/operation.ts';
import type { Services } from '../../services.ts';
import type { UserRecord } from '../../identity/KnexIdentityStore.ts';
import type { AppAbility } from '../../authz/defineAbilities.ts';
import { mayAny } from '../registryScope.ts';
import { registryPurposes } from '../registryKinds.ts';
import { importColumns, importKinds, importLimits, type ImportKind } from './importColumns.ts';
import { buildWorkbook, sheetFormats, sheetMediaTypes, type SheetFormat } from '../export/buildWorkbook.ts';
import { exportRows } from '../export/exportRows.ts';
import { templateNotes, kindTitles } from './templateNotes.ts';

const str = { type: 'string' };
const problem = { type: 'object', additionalProperties: false, required: ['row', 'column', 'header', 'field', 'code', 'severity', 'message'], properties: {
  row: { type: 'integer', description: '表格行号（表头为第 1 行） Sheet row (the header is row 1)' }, column: { type: 'string', description: '列字母 Column letter' }, header: str, field: str, code: str,
  severity: { type: 'string', enum: ['error', 'warning'] },
  message: { type: 'object', additionalProperties: false, required: ['zh-CN', 'en'], properties: { 'zh-CN': str, en: str } } } };
const schemas = {
  ImportProblem: problem,
  ImportReport: { type: 'object', additionalProperties: false, required: ['kind', 'mode', 'applied', 'rows', 'created', 'updated', 'unchanged', 'errors', 'warnings', 'problems'], properties: {
    kind: { type: 'string', enum: [...importKinds] }, mode: { type: 'string', enum: ['dry-run', 'apply'] }, applied: { type: 'boolean' },
    rows: { type: 'integer' }, created: { type: 'integer' }, updated: { type: 'integer' }, unchanged: { type: 'integer' }, errors: { type: 'integer' }, warnings: { type: 'integer' },
    problems: { type: 'array', items: { $ref: '#/components/schemas/ImportProblem' } },
    initialPasswords: { type: 'array', description: '本次导入新建账号的初始密码（仅此一次显示，首次登录须修改） One-time initial passwords of the accounts this import created (shown once; changed at first sign-in)',
      items: { type: 'object', additionalProperties: false, required: ['row', 'username', 'password'], properties: { row: { type: 'integer' }, username: str, password: str } } } } },
};
/** A file answer (template or export) in either format. */
const fileResponse: Record<string, OpResponse> = { '200': { description: '表格文件 The spreadsheet file',
  content: Object.fromEntries(Object.values(sheetMediaTypes).map((t) => [t.split(';')[0]!, { type: 'string', format: 'binary' }])),
  headers: { 'Content-Disposition': { description: '下载文件名（RFC 5987 编码） The file name, RFC 5987 encoded', schema: { type: 'string', pattern: "^attachment; filename\\*=UTF-8''" } } } } };
const kindParam = { type: 'string', enum: [...importKinds] };
const formatParam = { type: 'string', enum: [...sheetFormats], default: 'xlsx' };

/** Import and export belong to admins (county admins; a township's when that role exists) in their subtree. */
function gate(ability: AppAbility): void {
  if (!mayAny(ability, 'manage', 'Resident')) throw new ForbiddenError('authz.forbidden');
}

function sendFile(res: import('express').Response, name: string, format: SheetFormat, bytes: Buffer): { raw: true } {
  res.setHeader('Content-Type', sheetMediaTypes[format]);
  res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.${format}`)}`);
  res.status(200).send(bytes);
  return { raw: true };
}

const actorOf = (u: UserRecord) => ({ id: u.id, roles: u.roles.map((r) => r.role) });

/** Operations of import and export. */
export function importOperations(s: Services): Operation[] {
  return [
    defineOperation({ method: 'get', path: '/api/registry/templates/{kind}', operationId: 'registryTemplate', tag: 'registry', responses: fileResponse, summary: '下载导入模板 Download an import template',
      params: { kind: kindParam }, query: { format: formatParam },
      async handler({ res, ability, params, query }) {
        gate(ability);
        const kind = params.kind as ImportKind;
        const format = (query.format ?? 'xlsx') as SheetFormat;
        return sendFile(res, `${kindTitles[kind].zh}导入模板`, format, await buildWorkbook(kindTitles[kind].zh, importColumns[kind], [], format, templateNotes(kind)));
      } }),
    defineOperation({ method: 'post', path: '/api/registry/imports/{kind}', operationId: 'importRegistry', tag: 'registry', schemas, responses: ok('ImportReport'),
      summary: '导入表格（mode=dry-run 只检查；apply 全部成功才写入） Import a spreadsheet (dry run, or all-or-nothing apply)',
      params: { kind: kindParam }, query: { mode: { type: 'string', enum: ['dry-run', 'apply'], default: 'dry-run' } },
      // the reader enforces the coded limit itself; the parser's limit (a little above) only stops a lying Content-Length
      rawBody: { maxBytes: importLimits.maxBytes + 1024, contentTypes: [sheetMediaTypes.xlsx, 'text/csv', 'application/octet-stream'] },
      async beforeBody({ req, ability }) {
        gate(ability);
        const declared = Number(req.headers['content-length'] ?? 0);
        if (declared > importLimits.maxBytes) throw new TooLargeError('import.file-too-large', { limit: importLimits.maxBytes });
      },
      async handler({ req, user, ability, params, query }) {
        gate(ability);
        const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const report = await s.registry.importSheet(params.kind as ImportKind, bytes, (query.mode ?? 'dry-run') as 'dry-run' | 'apply', ability, actorOf(user), user.roles);
        if (report.applied && report.created + report.updated > 0) {
          // new units and staff must be in the engine's directory before a case is assigned to them
          if (params.kind === 'org-units' || params.kind === 'users') s.runOptions.invalidate();
          await s.registry.changed();
        }
        return { body: report };
      } }),
    defineOperation({ method: 'post', path: '/api/registry/exports/{kind}', operationId: 'exportRegistry', tag: 'registry', responses: fileResponse,
      summary: '导出（默认脱敏；原文导出须说明目的并留痕） Export (masked unless revealed with a purpose, audited)',
      params: { kind: kindParam }, body: S.object({ format: formatParam, reveal: { type: 'boolean' }, purpose: { type: 'string', enum: [...registryPurposes] } }),
      async handler({ res, user, ability, params, body }) {
        gate(ability);
        const kind = params.kind as ImportKind;
        const format = (body.format ?? 'xlsx') as SheetFormat;
        const reveal = body.reveal === true;
        if (reveal && !body.purpose) throw new ForbiddenError('pii.reveal-denied', { reason: 'purpose required' });
        const rows = await exportRows(s.registry, ability, user.roles.map((r) => r.role), kind, reveal);
        await s.registry.auditExport(actorOf(user), user.orgPath, { kind, rows: rows.length, reveal, purpose: body.purpose ?? null, format });
        return sendFile(res, `${kindTitles[kind].zh}${reveal ? '' : '（脱敏）'}`, format, await buildWorkbook(kindTitles[kind].zh, importColumns[kind], rows, format));
      } }),
  ];
}
