/**
 * The photo-field rule on the command side: a file uploaded with no `field` (a PDF, accepted as a general
 * attachment) and then named in a photo field is refused wherever data is accepted — case create (with or
 * without its intake draft), task complete, task draft, intake draft — with `attachment.not-an-image`, 422
 * and the value's path, and nothing is written. Images pass; values naming no stored file are left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';
import { photoIncident } from './fixtures/photoIncident.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n');
const notAnImage = (path: string) => ({ status: 422, code: 'attachment.not-an-image', path });

describe.each(testDialects)('photo fields name images only, on %s', (dialect) => {
  let t: TestRuntime;
  let grid: string;
  const count = async (table: string, where: Record<string, unknown> = {}) => Number(((await t.db.knex(table).where(where).count({ n: '*' }).first()) as { n: number }).n);
  const refusal = (r: { status: number; body: { error?: { code?: string; details?: { path?: string } } } }) => ({ status: r.status, code: r.body.error?.code, path: r.body.error?.details?.path });
  /** Uploads with no `field`: the upload itself cannot tell it is meant for a photo field. */
  const upload = async (to: string, raw: Buffer) => {
    const r = await t.api('POST', `${to}/attachments?name=x`, { token: grid, raw, headers: { 'content-type': 'application/octet-stream' } });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  const create = (data: Record<string, unknown>, draftId?: string) =>
    t.api('POST', '/api/cases', { token: grid, body: { definitionId: 'photo-incident', orgPath: GRID1, data: { description: '现场', ...data }, ...(draftId ? { draftId } : {}) } });

  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    await t.rt.definitions.publishBody(photoIncident, 'u-admin');
    grid = await t.token('grid1');
  });
  afterAll(async () => t.close());

  it('refuses a case whose photo field names a PDF uploaded to its draft with no field; the draft keeps its files', async () => {
    const draft = 'd-photoref-0001';
    const [png, pdf] = [await upload(`/api/drafts/${draft}`, PNG), await upload(`/api/drafts/${draft}`, PDF)];
    const before = { cases: await count('cases'), events: await count('case_events'), outbox: await count('outbox') };
    expect(refusal(await create({ photos: [pdf] }, draft))).toEqual(notAnImage('/data/photos/0'));
    expect(refusal(await create({ photos: [png, pdf] }, draft))).toEqual(notAnImage('/data/photos/1'));
    expect({ cases: await count('cases'), events: await count('case_events'), outbox: await count('outbox') }).toEqual(before);
    expect(await count('attachments', { case_id: draft })).toBe(2);
    // a general attachments field takes the PDF, the photo field the PNG
    const ok = await create({ photos: [png], files: [pdf] }, draft);
    expect(ok.status).toBe(201);
    expect(await count('attachments', { case_id: ok.body.id })).toBe(2);
  });

  it('refuses a case without a draft that names an existing non-image in a photo field, and leaves other values to the form', async () => {
    const host = (await create({})).body.id as string;
    const pdf = await upload(`/api/cases/${host}`, PDF);
    const cases = await count('cases');
    expect(refusal(await create({ photos: [pdf] }))).toEqual(notAnImage('/data/photos/0'));
    expect(await count('cases')).toBe(cases);
    // an id that names no stored file (not yet uploaded, or an example's reference) is not this rule's business
    expect((await create({ photos: ['00000000-0000-4000-8000-000000000000'] })).status).toBe(201);
  });

  it('refuses completing a task with a PDF of the case in a photo field: the case, the task and the outbox stay as they were', async () => {
    const caseId = (await create({})).body.id as string;
    const [png, pdf] = [await upload(`/api/cases/${caseId}`, PNG), await upload(`/api/cases/${caseId}`, PDF)];
    const officer = await t.token('officer');
    const task = (await t.db.knex('tasks').where({ case_id: caseId, status: 'pending' }).first('id')) as { id: string };
    const before = { version: (await t.db.knex('cases').where({ id: caseId }).first('version')) as { version: number }, events: await count('case_events', { case_id: caseId }), outbox: await count('outbox', { case_id: caseId }) };
    const refused = await t.api('POST', `/api/tasks/${task.id}/complete`, { token: officer, body: { outcome: 'accept', data: { note: '受理', photos: [pdf] } } });
    expect(refusal(refused)).toEqual(notAnImage('/data/photos/0'));
    expect({ version: (await t.db.knex('cases').where({ id: caseId }).first('version')) as { version: number }, events: await count('case_events', { case_id: caseId }), outbox: await count('outbox', { case_id: caseId }) }).toEqual(before);
    expect(((await t.db.knex('tasks').where({ id: task.id }).first('status')) as { status: string }).status).toBe('pending');
    // the draft of that form is refused the same way, and not stored
    const draft = await t.api('PUT', `/api/tasks/${task.id}/draft`, { token: officer, body: { data: { photos: [png, pdf] } } });
    expect(refusal(draft)).toEqual(notAnImage('/data/photos/1'));
    expect(((await t.db.knex('tasks').where({ id: task.id }).first('draft')) as { draft: string | null }).draft).toBeNull();
    expect((await t.api('POST', `/api/tasks/${task.id}/complete`, { token: officer, body: { outcome: 'accept', data: { note: '受理', photos: [png], files: [pdf] } } })).status).toBe(200);
  });

  it('refuses saving an intake draft that names a PDF in a photo field; a photo still on the phone (local id) is kept', async () => {
    const draft = 'd-photoref-0002';
    const pdf = await upload(`/api/drafts/${draft}`, PDF);
    const save = (photos: string[], revision: number) => t.api('PUT', `/api/drafts/${draft}`, { token: grid, body: { definitionId: 'photo-incident', orgPath: GRID1, data: { description: '草稿', photos }, revision } });
    expect(refusal(await save([pdf], 0))).toEqual(notAnImage('/data/photos/0'));
    expect(await count('intake_drafts', { id: draft })).toBe(0);
    expect((await save(['local-4b1d7c1e-0000-4000-8000-000000000001'], 0)).status).toBe(200);
  });
});
