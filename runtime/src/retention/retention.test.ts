/**
 * The retention job on SQLite and MariaDB (issue 14.8): a case closed longer than its item's period
 * loses its personal data everywhere it was stored — snapshot, events, lookup rows, delivered outbox
 * payloads, attachments named at tagged paths — and the run is audited with counts, idempotent, and
 * a dry run writes nothing. Cases still open or closed within the period are untouched.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditWithCheckpoints } from '../audit/KnexAuditLog.ts';
import { sealAudit } from '../audit/auditStaging.ts';
import { createTestRuntime, GRID1, tinyIncident, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';
import { ANONYMISED } from './anonymise.ts';
import { runRetention } from './runRetention.ts';

const YEAR = 365 * 24 * 3600_000;
/** tiny-incident kept one year, with a face photo (biometric) the officer attaches on 受理. */
const retained = {
  ...tinyIncident, id: 'retained-incident', retention: 'P1Y',
  data: { ...tinyIncident.data, properties: { ...tinyIncident.data.properties, facePhoto: { type: 'string', maxLength: 100, 'x-pii': 'biometric' } } },
  forms: { ...tinyIncident.forms, accept: { ...tinyIncident.forms.accept, fields: ['note', 'facePhoto'] } },
  states: { ...tinyIncident.states, accept: { ...tinyIncident.states.accept, task: { ...tinyIncident.states.accept.task, fields: { ...tinyIncident.states.accept.task.fields, facePhoto: 'write' } } } },
};
const PII = { reporterName: '王秀兰', reporterPhone: '13812345678', idNumber: '11010519491231002X', address: '幸福路8号3栋', health: '高血压' };

describe.each(testDialects)('retention job on %s', (dialect) => {
  let t: TestRuntime;
  const deps = () => ({ knex: t.db.knex, dialect: t.db.dialect, definitions: t.rt.definitions, codec: t.rt.codec, dataDir: t.rt.config.dataDir });
  const tok = (u: string) => t.token(u);

  async function openCase(): Promise<string> {
    const r = await t.api('POST', '/api/cases', { token: await tok('grid1'), body: { definitionId: 'retained-incident', orgPath: GRID1, data: { description: '独居老人求助', ...PII } } });
    expect(r.status).toBe(201);
    return r.body.id as string;
  }
  async function upload(caseId: string, name: string): Promise<string> {
    const r = await t.api('POST', `/api/cases/${caseId}/attachments?name=${name}`, { token: await tok('grid1'), raw: '附件内容', headers: { 'content-type': 'text/plain' } });
    expect(r.status).toBe(201);
    return r.body.id as string;
  }
  async function close(caseId: string, facePhoto: string): Promise<void> {
    const acts: Array<[string, string, Record<string, unknown>]> = [['officer', ':t1', { outcome: 'accept', data: { facePhoto }, signature: 'data:image/png;base64,U0lHTg==' }], ['reviewer.east', ':t3', { outcome: 'approve' }], ['grid1', ':t5', { outcome: 'close', data: { result: '已上门' } }]];
    for (const [user, task, body] of acts) expect((await t.api('POST', `/api/tasks/${caseId}${task}/complete`, { token: await tok(user), body })).status).toBe(200);
    await t.rt.dispatch(); // the closing notice is delivered: a done outbox row
  }
  const stored = async (caseId: string) => JSON.stringify([await t.db.knex('cases').where({ id: caseId }).first('snapshot'), await t.db.knex('case_events').where({ case_id: caseId }).select('payload'), await t.db.knex('outbox').where({ case_id: caseId }).select('payload')]);

  let oldCase: string; let openOne: string; let face: string; let scene: string;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    await t.rt.definitions.publishBody(retained, 'u-admin');
    oldCase = await openCase();
    face = await upload(oldCase, 'face.txt');
    scene = await upload(oldCase, 'scene.txt');
    // free text about the case: a comment naming the resident, and the rendered notice titles
    expect((await t.api('POST', `/api/cases/${oldCase}/comments`, { token: await tok('grid1'), body: { body: `已联系${PII.reporterName}，电话${PII.reporterPhone}` } })).status).toBe(201);
    await close(oldCase, face);
    openOne = await openCase();
    // the runs below pretend it is two years on: an intake draft abandoned now (with a photo uploaded
    // to it) is then past the period, one saved "then" is not
    for (const [id, at] of [['stale-draft-0001', Date.now()], ['fresh-draft-0001', Date.now() + 2 * YEAR - 60_000]] as const) {
      expect((await t.api('PUT', `/api/drafts/${id}`, { token: await tok('grid1'), body: { definitionId: 'retained-incident', orgPath: GRID1, data: { description: '草稿', reporterPhone: PII.reporterPhone }, revision: 0 } })).status).toBe(200);
      await t.db.knex('intake_drafts').where({ id }).update({ updated_at: at });
    }
    expect((await t.api('POST', '/api/drafts/stale-draft-0001/attachments?name=p.txt', { token: await tok('grid1'), raw: '草稿照片', headers: { 'content-type': 'text/plain' } })).status).toBe(201);
  }, 120_000);
  afterAll(async () => { await t?.close(); });

  it('a dry run counts the cases past their period and writes nothing', async () => {
    const before = await stored(oldCase);
    const r = await runRetention(deps(), { now: Date.now() + 2 * YEAR, dryRun: true });
    expect(r.items.find((i) => i.definitionId === 'retained-incident')).toMatchObject({ retention: 'P1Y', cases: 1 });
    expect(await stored(oldCase)).toBe(before);
    // within the period nothing is due
    expect(r.intakeDrafts).toBe(1);
    expect((await runRetention(deps(), { now: Date.now(), dryRun: true })).cases).toBe(0);
  });

  it('anonymises a closed case past its period everywhere, audited with counts, and passes over it next time', async () => {
    expect(Number((await t.db.knex('pii_lookup').where({ case_id: oldCase }).count({ n: '*' }).first())!.n)).toBeGreaterThan(0);
    const openBefore = await stored(openOne);
    const r = await runRetention(deps(), { now: Date.now() + 2 * YEAR });
    expect(r).toMatchObject({ cases: 1, attachments: 2, comments: 1, intakeDrafts: 1, skipped: 0 });
    expect(r.notifications).toBeGreaterThan(0);
    expect(r.values).toBeGreaterThanOrEqual(6);
    expect(r.outbox).toBeGreaterThan(0);

    const text = await stored(oldCase);
    for (const v of [...Object.values(PII), face, 'U0lHTg==', 'enc:v1:']) expect(text).not.toContain(v);
    const freeText = JSON.stringify([await t.db.knex('comments').where({ case_id: oldCase }).pluck('body'), await t.db.knex('notifications').where({ case_id: oldCase }).pluck('title')]);
    expect(freeText).not.toContain(PII.reporterName);
    expect(freeText).not.toContain(PII.reporterPhone);
    expect(freeText).toContain(ANONYMISED);
    expect(await t.db.knex('intake_drafts').pluck('id')).toEqual(['fresh-draft-0001']);
    expect(await t.db.knex('attachments').where({ case_id: 'stale-draft-0001' })).toEqual([]);
    expect(text).toContain(ANONYMISED);
    expect(text).toContain('独居老人求助'); // untagged data stays: the record of what happened
    expect(await t.db.knex('pii_lookup').where({ case_id: oldCase })).toEqual([]);
    expect((await t.db.knex('attachments').where({ case_id: oldCase }).pluck('id')) as string[]).toEqual([scene]);
    expect(existsSync(join(t.rt.config.dataDir, 'attachments', face))).toBe(false);
    expect(existsSync(join(t.rt.config.dataDir, 'attachments', scene))).toBe(true);
    expect(await stored(openOne)).toBe(openBefore); // an open case keeps everything

    // the case still opens, masked as ever, showing tombstones
    const view = await t.api('GET', `/api/cases/${oldCase}`, { token: await tok('officer') });
    expect(view.status).toBe(200);

    await sealAudit(t.db.knex);
    const audit = (await t.db.knex('audit_log').whereIn('action', ['case.anonymised', 'retention.run']).orderBy('seq').select('action', 'case_id', 'detail')) as Array<{ action: string; case_id: string | null; detail: string }>;
    expect(audit.map((a) => a.action)).toEqual(['case.anonymised', 'retention.run']);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ attachments: 1, comments: 1, lookups: expect.any(Number), values: r.values });
    expect(audit[0]!.case_id).toBe(oldCase);
    expect(JSON.parse(audit[1]!.detail)).toMatchObject({ cases: 1, items: [expect.objectContaining({ definitionId: 'retained-incident', cases: 1 })] });
    expect((await verifyAuditWithCheckpoints(t.db.knex, t.rt.config.auditKey, t.rt.config.auditCheckpointFile)).ok).toBe(true);

    const again = await runRetention(deps(), { now: Date.now() + 2 * YEAR });
    expect(again).toMatchObject({ cases: 0, values: 0, attachments: 0, comments: 0, intakeDrafts: 0 });
    expect(await stored(oldCase)).toBe(text);
    await sealAudit(t.db.knex);
    expect(await t.db.knex('audit_log').whereIn('action', ['case.anonymised', 'retention.run']).count({ n: '*' }).first()).toMatchObject({ n: 2 }); // an idle run is not audited
  });
});
