/**
 * Issue 7.2 — personal data inside arrays and nested objects (a dispute's parties, a household's
 * members) is protected like a top-level field: ID numbers encrypted at rest in the snapshot, the
 * events, the outbox and drafts; one keyed-hash lookup row per value and path; masked per nested
 * path in responses; revealed by path with a purpose. Before the fix all of it was stored in clear.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';

const nestedDispute = JSON.parse(readFileSync(new URL('./fixtures/nested-dispute.json', import.meta.url), 'utf8'));
const ID_A = '51072219800101108X';
const ID_B = '510722199001011113';
const data = {
  description: '邻里纠纷',
  parties: [{ name: '张三丰', idNumber: ID_A, phone: '13812341234' }, { name: '李四', idNumber: ID_B, phone: '13998765432' }],
  household: { members: [{ name: '王五', phone: '13700001111' }] },
};

describe.each(testDialects)('nested personal data on %s', (dialect) => {
  let t: TestRuntime;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    await t.rt.definitions.publishBody(nestedDispute, 'u-admin');
    const c = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'nested-dispute', orgPath: GRID1, data } });
    expect(c.status).toBe(201);
    caseId = c.body.id;
  });
  afterAll(async () => t.close());

  it('stores no nested ID number in clear, and indexes each one by its keyed hash', async () => {
    for (const table of ['cases', 'case_events', 'outbox', 'audit_log']) {
      const dump = JSON.stringify(await t.db.knex(table).select());
      expect({ table, a: dump.includes(ID_A), b: dump.includes(ID_B) }).toEqual({ table, a: false, b: false });
    }
    const rows = await t.db.knex('pii_lookup').where({ case_id: caseId }).orderBy('hmac');
    expect(rows.map((r) => r.field)).toEqual(['parties[].idNumber', 'parties[].idNumber']);
    expect(rows.map((r) => r.hmac).sort()).toEqual([t.rt.codec.hmac(ID_A), t.rt.codec.hmac(ID_B)].sort());
  });

  it('masks nested values per path for a viewer without the step', async () => {
    const r = await t.api('GET', `/api/cases/${caseId}`, { token: await t.token('reviewer.east') });
    expect(r.body.data.parties).toEqual([
      { name: '张*丰', idNumber: '5****************X', phone: '138****1234' },
      { name: '李*', idNumber: '5****************3', phone: '139****5432' },
    ]);
    expect(r.body.data.household.members).toEqual([{ name: '王*', phone: '137****1111' }]);
    expect(r.body.masked).toEqual(expect.arrayContaining(['parties[].idNumber', 'parties[].phone', 'household.members[].phone']));
  });

  it('shows them in full where the step writes them, and reveals a nested path with a purpose', async () => {
    const officer = await t.token('officer');
    const r = await t.api('GET', `/api/cases/${caseId}`, { token: officer });
    expect(r.body.data.parties[0]).toEqual(data.parties[0]);
    const reveal = await t.api('POST', `/api/cases/${caseId}/reveal`, { token: officer, body: { fields: ['household.members[].phone'], purpose: 'call-back' } });
    expect(reveal.body).toEqual({ values: { 'household.members[].phone': ['13700001111'] } });
    const denied = await t.api('POST', `/api/cases/${caseId}/reveal`, { token: await t.token('reviewer.east'), body: { fields: ['parties[].idNumber'], purpose: 'handle-case' } });
    expect(denied.status).toBe(403);
  });

  it('finds the case by a nested ID number within scope only, and audits the search', async () => {
    const east = await t.api('GET', `/api/cases?idNumber=${ID_B}`, { token: await t.token('reviewer.east') });
    expect(east.body.items.map((c: { id: string }) => c.id)).toEqual([caseId]);
    const west = await t.api('GET', `/api/cases?idNumber=${ID_B}`, { token: await t.token('reviewer.west') });
    expect(west.body.items).toEqual([]);
    const audit = await t.db.knex('audit_log').where({ action: 'pii.search' });
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audit)).not.toContain(ID_B);
  });

  it('seals task drafts like case data and shows them back to their owner', async () => {
    const officer = await t.token('officer');
    const task = (await t.db.knex('tasks').where({ case_id: caseId, status: 'pending' }).first('id')) as { id: string };
    await t.api('POST', `/api/tasks/${task.id}/claim`, { token: officer, body: {} });
    const draft = { note: '初步调查', parties: [{ name: '张三丰', idNumber: ID_A, phone: '13812341234' }] };
    expect((await t.api('PUT', `/api/tasks/${task.id}/draft`, { token: officer, body: { data: draft } })).status).toBe(200);
    const stored = (await t.db.knex('tasks').where({ id: task.id }).first('draft')) as { draft: string };
    expect(stored.draft).not.toContain(ID_A);
    const back = await t.api('GET', `/api/tasks/${task.id}`, { token: officer });
    expect(back.body.draft).toEqual(draft);
  });
});
