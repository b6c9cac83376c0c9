/**
 * Case attachments stored on disk under the data dir by content id (never by the given name, so a
 * name like `../../etc/passwd` cannot reach the file system), SHA-256 checksummed, size-limited,
 * typed by their content (sniffType.ts), within a per-case quota, each upload and download audited.
 * The caller's token, the case's scope and the quota are checked before the body is read.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidRequestError, NotFoundError, TooLargeError, UnsupportedError } from '../errors/DomainError.ts';
import { created, defineOperation, ok, S, type Operation } from '../http/operation.ts';
import type { Services } from '../services.ts';
import { hasControlCharacters } from '../http/checkJsonBody.ts';
import { sniffType } from './sniffType.ts';
import { acceptedTypesOf, checkFieldType } from './fieldMedia.ts';

/** Content types accepted for attachments. */
export const allowedTypes = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'text/plain', 'audio/mpeg', 'video/mp4'];

function checkName(name: string): string {
  if (!name || name.length > 200 || /[/\\]|^\.\.?$/.test(name) || name.includes('..') || hasControlCharacters(name)) throw new InvalidRequestError('attachment.bad-name', { name: name.slice(0, 200).replace(/[^\p{L}\p{N}._ -]/gu, '?') });
  return name;
}

async function audit(s: Services, user: { id: string; roles: Array<{ role: string }> }, c: { id: string; org_path: string }, action: string, detail: Record<string, unknown>): Promise<void> {
  await s.audit.append({ at: Date.now(), actorId: user.id, actorRoles: user.roles.map((r) => r.role), orgPath: c.org_path, caseId: c.id, action, detail });
}

/** The `field` query of an upload: the form field the file is for (a photo field takes images only). */
export const fieldQuery = { field: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z_][A-Za-z0-9_]*$' } } as const;

/**
 * Checks and stores an uploaded file for `owner` — a case id, or the id of an intake draft whose case
 * does not exist yet (the case adopts it when created): a name, bytes typed by their content (and,
 * for a form field named with `target`, a type that field takes), the owner's quota.
 */
export async function storeAttachment(s: Services, body: unknown, owner: string, givenName: string, userId: string, declared?: string, target?: { field: string; accepted?: string[] }): Promise<{ id: string; name: string; mime: string; size: number; sha256: string }> {
  const dir = join(s.config.dataDir, 'attachments');
  const name = checkName(givenName);
  if (!Buffer.isBuffer(body) || body.length === 0) throw new InvalidRequestError('request.invalid', { errors: [{ path: '/body', message: 'empty file' }] });
  // the bytes decide the type; the client's Content-Type is not believed
  const mime = sniffType(body);
  if (!mime || !allowedTypes.includes(mime)) throw new UnsupportedError('attachment.type-not-allowed', { declared: String(declared ?? '').slice(0, 100), allowed: allowedTypes });
  if (target) checkFieldType(target.field, target.accepted, mime);
  if ((await s.attachments.bytesOf(owner)) + body.length > s.config.attachmentCaseQuotaBytes) throw new TooLargeError('attachment.quota-exceeded', { quotaBytes: s.config.attachmentCaseQuotaBytes });
  const id = randomUUID();
  const sha256 = createHash('sha256').update(body).digest('hex');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, id), body, { flag: 'wx' });
  await s.attachments.add({ id, owner, name, mime, size: body.length, sha256, uploadedBy: userId, at: Date.now() });
  return { id, name, mime, size: body.length, sha256 };
}

/** The field of the case's item (its pinned version) an upload is for, with the types it takes. */
async function fieldTarget(s: Services, c: { definition_id: string; definition_version: number | string }, field: string): Promise<{ field: string; accepted?: string[] }> {
  const { definition } = await s.definitions.compiledFor(c.definition_id, Number(c.definition_version));
  return { field, accepted: acceptedTypesOf(definition, field) };
}

/** Operations on attachments. */
export function attachmentOperations(s: Services): Operation[] {
  const dir = join(s.config.dataDir, 'attachments');
  return [
    defineOperation({
      method: 'post', path: '/api/cases/{id}/attachments', operationId: 'uploadAttachment', responses: created('AttachmentCreated'), tag: 'cases', summary: '上传附件（请求体为文件内容） Upload an attachment (raw body)',
      params: { id: S.id }, query: { name: { type: 'string', minLength: 1, maxLength: 200, required: true }, ...fieldQuery }, rawBody: { maxBytes: s.config.attachmentMaxBytes, contentTypes: allowedTypes },
      async beforeBody({ req, ability, params, query }) {
        const c = await s.cases.getVisible(ability, params.id);
        checkName(query.name);
        if (query.field) await fieldTarget(s, c, query.field); // an unknown field is refused before the body is read
        const declared = Number(req.headers['content-length'] ?? 0);
        if (declared && (await s.attachments.bytesOf(params.id)) + declared > s.config.attachmentCaseQuotaBytes) throw new TooLargeError('attachment.quota-exceeded', { quotaBytes: s.config.attachmentCaseQuotaBytes });
      },
      async handler({ req, user, ability, params, query }) {
        const c = await s.cases.getVisible(ability, params.id);
        const out = await storeAttachment(s, req.body, params.id, query.name, user.id, req.headers['content-type'], query.field ? await fieldTarget(s, c, query.field) : undefined);
        await audit(s, user, c, 'attachment.uploaded', { attachmentId: out.id, mime: out.mime, size: out.size, sha256: out.sha256 });
        return { status: 201, body: out };
      },
    }),
    defineOperation({
      method: 'get', path: '/api/cases/{id}/attachments', operationId: 'listAttachments', responses: ok('AttachmentList'), tag: 'cases', summary: '附件列表 Attachments', params: { id: S.id },
      async handler({ ability, params }) {
        await s.cases.getVisible(ability, params.id);
        const rows = await s.attachments.list(params.id);
        return { body: { items: rows.map((r) => ({ id: r.id, name: r.name, mime: r.mime, size: Number(r.size), sha256: r.sha256, uploadedBy: r.uploaded_by, createdAt: Number(r.created_at) })) } };
      },
    }),
    defineOperation({
      method: 'get', path: '/api/cases/{id}/attachments/{attachmentId}', operationId: 'downloadAttachment',
      responses: { '200': { description: '附件原始字节，Content-Type 为存储时识别的类型 The stored bytes, with the type recognised at upload',
        content: Object.fromEntries(allowedTypes.map((t) => [t, { type: 'string', format: 'binary', contentMediaType: t }])),
        headers: { 'Content-Disposition': { description: '下载文件名（RFC 5987 编码） The file name, RFC 5987 encoded', schema: { type: 'string', pattern: "^attachment; filename\\*=UTF-8''" } } } } }, tag: 'cases', summary: '下载附件 Download', params: { id: S.id, attachmentId: S.id },
      async handler({ res, user, ability, params }) {
        const c = await s.cases.getVisible(ability, params.id);
        const row = await s.attachments.find(params.id, params.attachmentId);
        if (!row) throw new NotFoundError('attachment.not-found');
        const data = await readFile(join(dir, String(row.id)));
        if (createHash('sha256').update(data).digest('hex') !== row.sha256) throw new Error('attachment checksum mismatch');
        await audit(s, user, c, 'attachment.downloaded', { attachmentId: String(row.id), size: data.length });
        res.setHeader('Content-Type', String(row.mime));
        res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(String(row.name))}`);
        res.status(200).send(data);
        return { raw: true };
      },
    }),
  ];
}
