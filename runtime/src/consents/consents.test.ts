import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../testing/testDbs.ts';
import { createTestRuntime, GRID1, GRID_WEST, type TestRuntime } from '../testing/testRuntime.ts';
import { effectsIncident } from '../effects/fixtures/definitions.ts';
import { consentIncident } from './fixtures/consentIncident.ts';

const ECHO = fileURLToPath(new URL('../effects/fixtures/echoPlugin.ts', import.meta.url));
const ID = '510722194805013963';
const OTHER_ID = '510722193601011005';
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testDialects)('consent registry on %s', (dialect) => {
  let t: TestRuntime;
  const record = async (user: string, body: Record<string, unknown> = {}) => t.api('POST', '/api/consents', { token: await t.token(user), body: {
    subjectName: '吕桂兰', subjectIdNumber: ID, orgPath: GRID1, purpose: 'share-provider', dataCategories: ['name', 'phone', 'health'], recipients: ['幸福驿站'], evidence: '纸质同意书 TY-2026-0031', ...body } });
  beforeAll(async () => {
    t = await createTestRuntime(dialect, { adapters: [ECHO] });
    await t.rt.definitions.publishBody(effectsIncident, 'u-admin');
    await t.rt.definitions.publishBody(consentIncident, 'u-admin');
    await t.api('PUT', '/api/adapters/echo/config', { token: await t.token('admin'), body: { config: { target: 'x' }, secrets: { token: 'tok-secret-123' } } });
  }, 120_000);
  afterAll(async () => t?.close());

  it('records a separate consent keyed by the ID number’s keyed hash, masked, audited', async () => {
    const r = await record('officer');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ subjectName: '吕*兰', subjectIdNumber: '5****************3', purpose: 'share-provider', separate: true, status: 'active', recordedBy: 'u-officer' });
    const row = await t.db.knex('consents').where({ id: r.body.id }).first();
    expect(JSON.stringify(row)).not.toContain(ID);
    expect(row.subject_hmac).toBe(t.rt.codec.hmac(ID));
    const audit = await t.api('GET', '/api/audit?action=consent.recorded', { token: await t.token('admin') });
    expect(audit.body.items[0]).toMatchObject({ actorId: 'u-officer', detail: { consentId: r.body.id, purpose: 'share-provider' } });
    expect(JSON.stringify(audit.body)).not.toContain(ID);
  });

  it('answers bad input with coded errors and writes nothing', async () => {
    const before = Number(((await t.db.knex('consents').count({ n: '*' }).first()) as { n: number }).n);
    expect((await record('officer', { subjectIdNumber: '510722194805013964' })).body.error.code).toBe('consent.bad-id-number');
    expect((await record('officer', { purpose: 'marketing' })).status).toBe(400);
    expect((await record('officer', { grantedAt: 2000, expiresAt: 1000 })).body.error.code).toBe('consent.bad-period');
    expect((await record('officer', { orgPath: GRID_WEST })).body.error.code).toBe('org.out-of-scope');
    expect((await record('grid1')).body.error.code).toBe('consent.forbidden');
    expect(Number(((await t.db.knex('consents').count({ n: '*' }).first()) as { n: number }).n)).toBe(before);
  });

  it('lists by person in scope only, and withdraws once (audited)', async () => {
    const id = (await record('officer', { purpose: 'door-access', recipients: ['网格员'] })).body.id as string;
    const list = async (user: string, q = '') => t.api('GET', `/api/consents?idNumber=${ID}${q}`, { token: await t.token(user) });
    expect((await list('reviewer.east')).body.items.map((c: { id: string }) => c.id)).toContain(id);
    expect((await list('reviewer.west')).body.items).toEqual([]);
    expect((await t.api('GET', `/api/consents?idNumber=${OTHER_ID}`, { token: await t.token('officer') })).body.items).toEqual([]);
    expect((await t.api('GET', `/api/consents/${id}`, { token: await t.token('reviewer.west') })).body.error.code).toBe('consent.not-found');
    const withdraw = async (user: string) => t.api('POST', `/api/consents/${id}/withdraw`, { token: await t.token(user), body: { reason: '本人电话撤回' } });
    expect((await withdraw('reviewer.west')).body.error.code).toBe('consent.not-found');
    const ok = await withdraw('officer');
    expect(ok.body).toMatchObject({ id, status: 'withdrawn', withdrawnBy: 'u-officer', withdrawReason: '本人电话撤回' });
    expect((await withdraw('officer')).body.error.code).toBe('consent.already-withdrawn');
    expect((await list('officer', '&status=withdrawn')).body.items.map((c: { id: string }) => c.id)).toEqual([id]);
    const audit = await t.api('GET', '/api/audit?action=consent.withdrawn', { token: await t.token('admin') });
    expect(audit.body.items[0]).toMatchObject({ actorId: 'u-officer', detail: { consentId: id } });
  });

  it('opens a case only with a consent record of the right purpose and person; a free string or another person is refused with nothing written', async () => {
    const ok = (await record('officer')).body.id as string;
    const door = (await record('officer', { purpose: 'door-access' })).body.id as string;
    const open = async (data: Record<string, unknown>) => t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'consent-incident', orgPath: GRID1,
      data: { description: '助餐服务', reporterPhone: '13812341234', idNumber: ID, ...data } } });
    const cases = async () => Number(((await t.db.knex('cases').where({ definition_id: 'consent-incident' }).count({ n: '*' }).first()) as { n: number }).n);
    const before = await cases();
    for (const [ref, reason] of [['CONSENT-2025-0031', 'consent.not-found'], [door, 'consent.purpose-mismatch']] as const) {
      const r = await open({ consentRef: ref });
      expect(r.status).toBe(422);
      expect(r.body.error).toMatchObject({ code: 'consent.refused', details: { path: '/data/consentRef', reason } });
    }
    expect((await open({ consentRef: ok, idNumber: OTHER_ID })).body.error.details.reason).toBe('consent.subject-mismatch');
    expect(await cases()).toBe(before);
    expect((await open({ consentRef: ok })).status).toBe(201);
  });

  it('a consent reference written at a later step is checked as at intake', async () => {
    const ok = (await record('officer')).body.id as string;
    const id = (await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'consent-incident', orgPath: GRID1, data: { description: '助餐服务', reporterPhone: '13812341234', idNumber: ID } } })).body.id as string;
    const task = (await t.db.knex('tasks').where({ case_id: id, state: 'accept' }).first('id')) as { id: string };
    const accept = async (consentRef: string) => t.api('POST', `/api/tasks/${task.id}/complete`, { token: await t.token('officer'), body: { outcome: 'accept', data: { consentRef } } });
    const refused = await accept('cs-00000000-0000-4000-8000-000000000000');
    expect(refused.body.error).toMatchObject({ code: 'consent.refused', details: { path: '/data/consentRef', reason: 'consent.not-found' } });
    expect((await t.db.knex('cases').where({ id }).first('state')).state).toBe('accept');
    expect((await accept(ok)).status).toBe(200);
  });

  it('checks the consent again before the call shares anything: withdrawn meanwhile → the call fails, nothing is sent', async () => {
    const ref = (await record('officer')).body.id as string;
    const open = async () => (await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'consent-incident', orgPath: GRID1,
      data: { description: '助餐服务', reporterPhone: '13812341234', idNumber: ID, consentRef: ref } } })).body.id as string;
    const accept = async (caseId: string) => {
      const task = (await t.db.knex('tasks').where({ case_id: caseId, state: 'accept' }).first('id')) as { id: string };
      expect((await t.api('POST', `/api/tasks/${task.id}/complete`, { token: await t.token('officer'), body: { outcome: 'accept' } })).status).toBe(200);
    };
    const state = async (id: string) => String(((await t.db.knex('cases').where({ id }).first('state')) as { state: string }).state);
    const drain = async () => { for (let i = 0; i < 6; i++) { await t.rt.dispatch(); await settle(25); } };
    const shared = await open();
    await accept(shared);
    await drain();
    expect(await state(shared)).toBe('sent');
    const blocked = await open();
    await t.api('POST', `/api/consents/${ref}/withdraw`, { token: await t.token('officer'), body: { reason: '撤回' } });
    await accept(blocked);
    await drain();
    expect(await state(blocked)).toBe('failed');
    const row = (await t.db.knex('outbox').where({ case_id: blocked, kind: 'adapter.invoke' }).first('status', 'last_error')) as { status: string; last_error: string };
    expect(row).toMatchObject({ status: 'dead', last_error: 'consent.withdrawn' });
  });
});
