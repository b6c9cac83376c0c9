/**
 * Case attachments stored on disk under the data dir by content id (never by the given name, so a
 * name like `../../etc/passwd` cannot reach the file system), SHA-256 checksummed, size- and type-limited.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../http/errors.ts';
import { defineOperation, ok, created, S, type Operation } from '../http/operation.ts';
import type { Services } from '../services.ts';
import type { Request } from 'express';

/** Content types accepted for attachments. */
export const allowedTypes = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'text/plain', 'audio/mpeg', 'video/mp4'];

function checkName(name: string): string {
  if (!name || name.length > 200 || /[/\\\0]|^\.\.?$|[\u0000-\u001f]/.test(name) || name.includes('..')) throw new AppError('attachment.bad-name', { name: name.slice(0, 200) });
  return name;
}

/**
 * Checks and stores an uploaded file (the raw request body) for `owner` — a case id, or the id of an
 * intake draft whose case does not exist yet (adopted by the case when it is created).
 */
export async function storeAttachment(s: Services, req: Request, owner: string, givenName: string, userId: string): Promise<{ id: string; name: string; mime: string; size: number; sha256: string }> {
  const dir = join(s.config.dataDir, 'attachments');
  const name = checkName(givenName);
  const mime = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!allowedTypes.includes(mime)) throw new AppError('attachment.type-not-allowed', { mime, allowed: allowedTypes });
  const body = req.body as Buffer;
  if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('request.invalid', { errors: [{ path: '/body', message: 'empty file' }] });
  const id = randomUUID();
  const sha256 = createHash('sha256').update(body).digest('hex');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, id), body, { flag: 'wx' });
  await s.db.knex('attachments').insert({ id, case_id: owner, name, mime, size: body.length, sha256, uploaded_by: userId, created_at: Date.now() });
  return { id, name, mime, size: body.length, sha256 };
}

/** Operations on attachments. */
export function attachmentOperations(s: Services): Operation[] {
  const dir = join(s.config.dataDir, 'attachments');
  return [
    defineOperation({
      method: 'post', path: '/api/cases/{id}/attachments', operationId: 'uploadAttachment', responses: created('AttachmentCreated'), tag: 'cases', summary: '上传附件（请求体为文件内容） Upload an attachment (raw body)',
      params: { id: S.id }, query: { name: { type: 'string', minLength: 1, maxLength: 200, required: true } }, rawBody: { maxBytes: s.config.attachmentMaxBytes, contentTypes: allowedTypes },
      async handler({ req, user, ability, params, query }) {
        await s.cases.getVisible(ability, params.id);
        return { status: 201, body: await storeAttachment(s, req, params.id, query.name, user.id) };
      },
    }),
    defineOperation({
      method: 'get', path: '/api/cases/{id}/attachments', operationId: 'listAttachments', responses: ok('AttachmentList'), tag: 'cases', summary: '附件列表 Attachments', params: { id: S.id },
      async handler({ ability, params }) {
        await s.cases.getVisible(ability, params.id);
        const rows = await s.db.knex('attachments').where({ case_id: params.id }).orderBy('created_at');
        return { body: { items: rows.map((r) => ({ id: r.id, name: r.name, mime: r.mime, size: Number(r.size), sha256: r.sha256, uploadedBy: r.uploaded_by, createdAt: Number(r.created_at) })) } };
      },
    }),
    defineOperation({
      method: 'get', path: '/api/cases/{id}/attachments/{attachmentId}', operationId: 'downloadAttachment',
      responses: { '200': { description: '附件原始字节，Content-Type 为上传时的类型 The stored bytes, with the content type given at upload',
        content: Object.fromEntries(allowedTypes.map((t) => [t, { type: 'string', format: 'binary', contentMediaType: t }])),
        headers: { 'Content-Disposition': { description: '下载文件名（RFC 5987 编码） The file name, RFC 5987 encoded', schema: { type: 'string', pattern: "^attachment; filename\\*=UTF-8''" } } } } }, tag: 'cases', summary: '下载附件 Download', params: { id: S.id, attachmentId: S.id },
      async handler({ res, ability, params }) {
        await s.cases.getVisible(ability, params.id);
        const row = await s.db.knex('attachments').where({ id: params.attachmentId, case_id: params.id }).first();
        if (!row) throw new AppError('attachment.not-found');
        const data = await readFile(join(dir, String(row.id)));
        if (createHash('sha256').update(data).digest('hex') !== row.sha256) throw new Error('attachment checksum mismatch');
        res.setHeader('Content-Type', String(row.mime));
        res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(String(row.name))}`);
        res.status(200).send(data);
        return { raw: true };
      },
    }),
  ];
}
