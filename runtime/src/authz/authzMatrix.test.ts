import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';

// Every role of the tiny county, inside or outside the scope of a case reported in grid 1 of the east township.
const inside = ['admin', 'dispatcher', 'reviewer.east', 'officer', 'leader', 'grid1'];
const outside = ['reviewer.west', 'grid2', 'grid3'];

describe.each(testDialects)('authz matrix on %s', (dialect) => {
  let t: TestRuntime;
  let caseId: string;
  let taskId: string;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    const c = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: 'x', reporterPhone: '13812341234' } } });
    caseId = c.body.id;
    taskId = ((await t.db.knex('tasks').where({ case_id: caseId }).first()) as { id: string }).id;
  });
  afterAll(async () => t.close());

  const endpoints = (): Array<[string, string, unknown?]> => [
    ['GET', `/api/cases/${caseId}`], ['GET', `/api/cases/${caseId}/timeline`], ['GET', `/api/cases/${caseId}/comments`],
    ['GET', `/api/cases/${caseId}/attachments`], ['POST', `/api/cases/${caseId}/comments`, { body: '意见' }],
    ['POST', `/api/cases/${caseId}/reveal`, { fields: ['reporterPhone'], purpose: 'handle-case' }],
    ['POST', `/api/cases/${caseId}/events`, { type: 'noop', expectedVersion: 999 }],
    ['GET', `/api/tasks/${taskId}`], ['PUT', `/api/tasks/${taskId}/draft`, { data: {} }],
    ['POST', `/api/tasks/${taskId}/claim`, { expectedVersion: 999 }], ['POST', `/api/tasks/${taskId}/urge`, {}],
    ['POST', `/api/tasks/${taskId}/complete`, { outcome: 'accept', expectedVersion: 999 }],
    ['POST', `/api/tasks/${taskId}/transfer`, { users: ['u-grid1'], expectedVersion: 999 }],
  ];

  it.each(outside)('%s outside the scope gets 404 on every case and task endpoint', async (user) => {
    const token = await t.token(user);
    for (const [method, path, body] of endpoints()) {
      const r = await t.api(method, path, { token, body });
      expect({ path, method, status: r.status }).toEqual({ path, method, status: 404 });
    }
    const lists = await Promise.all(['/api/cases', '/api/tasks?status=open'].map((p) => t.api('GET', p, { token })));
    for (const l of lists) expect(l.body.items.map((x: { id: string; caseId?: string }) => x.caseId ?? x.id)).not.toContain(caseId);
  });

  it.each(inside)('%s inside the scope sees the case (never 404)', async (user) => {
    const token = await t.token(user);
    for (const [method, path, body] of endpoints()) {
      const r = await t.api(method, path, { token, body });
      expect({ path, method, notFound: r.status === 404, serverError: r.status >= 500 }).toEqual({ path, method, notFound: false, serverError: false });
    }
    const cases = await t.api('GET', '/api/cases', { token });
    expect(cases.body.items.map((x: { id: string }) => x.id)).toContain(caseId);
  });

  it('only the assignee may complete; only audit roles read the audit log; only admins publish', async () => {
    const r = await t.api('POST', `/api/tasks/${taskId}/complete`, { token: await t.token('reviewer.east'), body: { outcome: 'accept' } });
    expect(r.body.error.code).toBe('task.not-assignee');
    for (const [user, status] of [['admin', 200], ['reviewer.east', 200], ['officer', 403], ['grid1', 403]] as const) {
      expect((await t.api('GET', '/api/audit', { token: await t.token(user) })).status).toBe(status);
    }
    const west = await t.api('GET', `/api/audit?caseId=${caseId}`, { token: await t.token('reviewer.west') });
    expect(west.body.items).toEqual([]);
    const publish = await t.api('POST', '/api/definitions/tiny-incident/versions/1/retire', { token: await t.token('officer') });
    expect(publish.body.error.code).toBe('authz.forbidden');
  });
});
