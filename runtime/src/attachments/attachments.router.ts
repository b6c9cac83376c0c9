/**
 * Case attachments stored on disk under the data dir by content id (never by the given name, so a
 * name like `../../etc/passwd` cannot reach the file system), SHA-256 checksummed, size- and type-limited.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidRequestError, NotFoundError, UnsupportedError } from '../errors/DomainError.ts';
import { defineOperation, S, type Operation } from '../http/operation.ts';
import type { Services } from '../services.ts';

/** Content types accepted for attachments. */
export const allowedTypes = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'text/plain', 'audio/mpeg', 'video/mp4'];

function checkName(name: string): string {
  if (!name || name.length > 200 || /[/\\\0]|^\.\.?$|[\u0000-\u001f]/.test(name) || name.includes('..')) throw new InvalidRequestError('attachment.bad-name', { name: name.slice(0, 200) });
  return name;
}

/** Operations on attachments. */
export function attachmentOperations(s: Services): Operation[] {
  const dir = join(s.config.dataDir, 'attachments');
  return [
    defineOperation({
      method: 'post', path: '/api/cases/{id}/attachments', operationId: 'uploadAttachment', tag: 'cases', summary: '上传附件（请求体为文件内容） Upload an attachment (raw body)',
      params: { id: S.id }, query: { name: { type: 'string', minLength: 1, maxLength: 200, required: true } }, rawBody: { maxBytes: s.config.attachmentMaxBytes },
      async handler({ req, user, ability, params, query }) {
        await s.cases.getVisible(ability, params.id);
        const name = checkName(query.name);
        const mime = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (!allowedTypes.includes(mime)) throw new UnsupportedError('attachment.type-not-allowed', { mime, allowed: allowedTypes });
        const body = req.body as Buffer;
        if (!Buffer.isBuffer(body) || body.length === 0) throw new InvalidRequestError('request.invalid', { errors: [{ path: '/body', message: 'empty file' }] });
        const id = randomUUID();
        const sha256 = createHash('sha256').update(body).digest('hex');
        await mkdir(dir, { recursive: true });
        await writeFile(join(dir, id), body, { flag: 'wx' });
        await s.records.addAttachment({ id, caseId: params.id, name, mime, size: body.length, sha256, uploadedBy: user.id });
        return { status: 201, body: { id, name, mime, size: body.length, sha256 } };
      },
    }),
    defineOperation({
      method: 'get', path: '/api/cases/{id}/attachments', operationId: 'listAttachments', tag: 'cases', summary: '附件列表 Attachments', params: { id: S.id },
      async handler({ ability, params }) {
        await s.cases.getVisible(ability, params.id);
        const rows = await s.records.attachments(params.id);
        return { body: { items: rows.map(({ caseId: _c, ...r }) => r) } };
      },
    }),
    defineOperation({
      method: 'get', path: '/api/cases/{id}/attachments/{attachmentId}', operationId: 'downloadAttachment', tag: 'cases', summary: '下载附件 Download', params: { id: S.id, attachmentId: S.id },
      async handler({ res, ability, params }) {
        await s.cases.getVisible(ability, params.id);
        const row = await s.records.attachment(params.id, params.attachmentId);
        if (!row) throw new NotFoundError('attachment.not-found');
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
