/**
 * Issue 7.6/7.7 — attachments: the token and the case's scope are checked before the body is read,
 * the type comes from the bytes (not the client's header), a case has a quota, and every upload and
 * download is in the audit chain.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';
import { sniffType } from './sniffType.ts';
import { photoIncident } from './fixtures/photoIncident.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n');


/** Sends headers announcing a large body, writes none of it, and resolves with the status the server answers meanwhile. */
function answerWithoutBody(url: string, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url + path, { method: 'POST', headers: { 'content-type': 'image/png', 'content-length': String(5 * 1024 * 1024), ...headers } }, (res) => { resolve(res.statusCode ?? 0); res.resume(); req.destroy(); });
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
    req.flushHeaders();
  });
}

describe('sniffType', () => {
  it.each([
    [PNG, 'image/png'], [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'], [Buffer.from('%PDF-1.7\n'), 'application/pdf'],
    [Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]), 'image/webp'], [Buffer.concat([Buffer.alloc(4), Buffer.from('ftypisom')]), 'video/mp4'],
    [Buffer.from('ID3\u0004\u0000'), 'audio/mpeg'], [Buffer.from('现场情况说明\n第二行'), 'text/plain'],
    [Buffer.from('MZ\u0090\u0000\u0003'), undefined], [Buffer.from('<svg onload="alert(1)">', 'utf8'), 'text/plain'], [Buffer.from([0xc3, 0x28]), undefined], [Buffer.from('a\u0000b'), undefined],
  ])('%#: %s', (bytes, type) => { expect(sniffType(bytes as Buffer)).toBe(type); });
});

describe.each(testDialects)('attachments on %s', (dialect) => {
  let t: TestRuntime;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    await t.rt.definitions.publishBody(photoIncident, 'u-admin');
    caseId = (await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: '附件' } } })).body.id;
  });
  afterAll(async () => t.close());

  it('answers an anonymous or out-of-scope upload before reading its body', async () => {
    const path = `/api/cases/${caseId}/attachments?name=a.png`;
    expect(await answerWithoutBody(t.url, path, {})).toBe(401);
    expect(await answerWithoutBody(t.url, path, { authorization: `Bearer ${await t.token('grid3')}` })).toBe(404);
  });

  it('types an upload by its bytes: a program sent as a PNG is refused, a real PNG is stored as one', async () => {
    const grid = await t.token('grid1');
    const fake = await t.api('POST', `/api/cases/${caseId}/attachments?name=a.png`, { token: grid, raw: Buffer.from('MZ\u0090\u0000\u0003\u0000'), headers: { 'content-type': 'image/png' } });
    expect({ status: fake.status, code: fake.body.error?.code }).toEqual({ status: 415, code: 'attachment.type-not-allowed' });
    const real = await t.api('POST', `/api/cases/${caseId}/attachments?name=photo.png`, { token: grid, raw: PNG, headers: { 'content-type': 'application/octet-stream' } });
    expect({ status: real.status, mime: real.body.mime }).toEqual({ status: 201, mime: 'image/png' });
  });

  it('a photo field takes images only, judged by the bytes: a PDF sent past the camera picker is refused with the field\'s path', async () => {
    const grid = await t.token('grid1');
    const photoCase = (await t.api('POST', '/api/cases', { token: grid, body: { definitionId: 'photo-incident', orgPath: GRID1, data: { description: '照片' } } })).body.id as string;
    const up = (field: string, raw: Buffer, type: string) => t.api('POST', `/api/cases/${photoCase}/attachments?name=x&field=${field}`, { token: grid, raw, headers: { 'content-type': type } });
    const before = Number(((await t.db.knex('attachments').where({ case_id: photoCase }).count({ n: '*' }).first()) as { n: number }).n);
    const pdf = await up('photos', PDF, 'image/jpeg'); // declared as a photo: the bytes say otherwise
    expect({ status: pdf.status, code: pdf.body.error?.code, path: pdf.body.error?.details?.path, accepted: pdf.body.error?.details?.accepted }).toEqual({ status: 422, code: 'attachment.not-an-image', path: '/data/photos', accepted: ['image/jpeg', 'image/png', 'image/webp'] });
    expect(pdf.body.error?.message).toBe('该栏只接受照片（JPEG、PNG 或 WebP），所传文件不是图片');
    const en = await t.api('POST', `/api/cases/${photoCase}/attachments?name=x&field=photos`, { token: grid, raw: Buffer.from('说明'), headers: { 'content-type': 'image/png', 'accept-language': 'en' } });
    expect({ code: en.body.error?.code, message: en.body.error?.message }).toEqual({ code: 'attachment.not-an-image', message: 'This field takes photos only (JPEG, PNG or WebP); the file is not an image' });
    // nothing half-written: no row, no file for the refused uploads
    expect(Number(((await t.db.knex('attachments').where({ case_id: photoCase }).count({ n: '*' }).first()) as { n: number }).n)).toBe(before);
    expect({ status: (await up('photos', PNG, 'application/octet-stream')).status }).toEqual({ status: 201 });
    expect({ status: (await up('files', PDF, 'application/pdf')).status }).toEqual({ status: 201 });
    const unknown = await up('nosuch', PNG, 'image/png');
    expect({ status: unknown.status, code: unknown.body.error?.code }).toEqual({ status: 400, code: 'request.invalid' });
  });

  it('a photo for a draft (before its case exists) is checked against the item\'s field the same way', async () => {
    const grid = await t.token('grid1');
    const draft = 'd-photo-0001';
    const up = (q: string, raw: Buffer) => t.api('POST', `/api/drafts/${draft}/attachments?name=x&${q}`, { token: grid, raw, headers: { 'content-type': 'image/jpeg' } });
    const pdf = await up('definitionId=photo-incident&field=photos', PDF);
    expect({ status: pdf.status, code: pdf.body.error?.code, path: pdf.body.error?.details?.path }).toEqual({ status: 422, code: 'attachment.not-an-image', path: '/data/photos' });
    expect((await up('field=photos', PNG)).body.error?.code).toBe('request.invalid'); // which item's field?
    expect((await up('definitionId=photo-incident&field=photos', PNG)).status).toBe(201);
    expect((await up('definitionId=photo-incident&field=files', PDF)).status).toBe(201);
  });

  it('audits uploads and downloads without names or contents', async () => {
    const grid = await t.token('grid1');
    const up = await t.api('POST', `/api/cases/${caseId}/attachments?name=${encodeURIComponent('张三身份证.txt')}`, { token: grid, raw: '证件说明', headers: { 'content-type': 'text/plain' } });
    await t.api('GET', `/api/cases/${caseId}/attachments/${up.body.id}`, { token: await t.token('officer') });
    const rows = await t.db.knex('audit_log').where({ case_id: caseId }).whereIn('action', ['attachment.uploaded', 'attachment.downloaded']).orderBy('seq');
    expect(rows.filter((r) => JSON.parse(r.detail).attachmentId === up.body.id).map((r) => [r.action, r.actor_id])).toEqual([['attachment.uploaded', 'u-grid1'], ['attachment.downloaded', 'u-officer']]);
    expect(JSON.stringify(rows)).not.toContain('张三');
  });

  it('keeps a case within its attachment quota', async () => {
    const grid = await t.token('grid1');
    const used = Number(((await t.db.knex('attachments').where({ case_id: caseId }).sum({ n: 'size' }).first()) as { n: number }).n);
    t.rt.config.attachmentCaseQuotaBytes = used + 10;
    try {
      const over = await t.api('POST', `/api/cases/${caseId}/attachments?name=b.txt`, { token: grid, raw: 'x'.repeat(11), headers: { 'content-type': 'text/plain' } });
      expect({ status: over.status, code: over.body.error?.code }).toEqual({ status: 413, code: 'attachment.quota-exceeded' });
      expect((await t.api('POST', `/api/cases/${caseId}/attachments?name=c.txt`, { token: grid, raw: 'x'.repeat(10), headers: { 'content-type': 'text/plain' } })).status).toBe(201);
    } finally {
      t.rt.config.attachmentCaseQuotaBytes = 200 * 1024 * 1024;
    }
  });
});
