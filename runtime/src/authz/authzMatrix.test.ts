import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, tinyIncident, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';
import { seedCounty } from '../seed/seedCounty.ts';

/** A 站所 beside the east township's communities: outside the scope of a grid-1 case. */
const UNIT = '/510722/510722100/510722100901';

/** tiny-incident where 受理 hands the case to a responsible unit named in the data (a group task with two candidates). */
const unitIncident = {
  ...tinyIncident, id: 'unit-incident',
  data: { ...tinyIncident.data, properties: { ...tinyIncident.data.properties, responsibleUnit: { type: 'string', maxLength: 191, 'x-pii': 'none' } } },
  forms: { ...tinyIncident.forms, report: { ...tinyIncident.forms.report, fields: [...tinyIncident.forms.report.fields, 'responsibleUnit'] } },
  roles: { ...tinyIncident.roles, 'responsible-unit': { title: { 'zh-CN': '责任单位', en: 'Responsible unit' } } },
  states: { ...tinyIncident.states,
    accept: { ...tinyIncident.states.accept, on: { accept: { target: 'handle' }, void: { target: 'voided' } } },
    handle: { task: { assignee: { role: 'responsible-unit', orgField: 'data.responsibleUnit' }, decisions: { done: { title: { 'zh-CN': '办结', en: 'Done' }, kind: 'approve' } } },
      on: { done: { target: 'closed' } } } },
};

/** tiny-incident where the reporter picks who accepts (发起人自选): a way to an assignee outside the case's scope. */
const pickedIncident = {
  ...tinyIncident, id: 'picked-incident',
  data: { ...tinyIncident.data, properties: { ...tinyIncident.data.properties, handler: { type: 'string', maxLength: 64, 'x-pii': 'none' } } },
  forms: { ...tinyIncident.forms, report: { ...tinyIncident.forms.report, fields: [...tinyIncident.forms.report.fields, 'handler'] } },
  states: { ...tinyIncident.states, accept: { ...tinyIncident.states.accept, task: { ...tinyIncident.states.accept.task, assignee: { pick: 'initiator', field: 'handler' } } } },
};

/** The reporter names several possible handlers: an unassigned task with named candidates. */
const candidatesIncident = {
  ...pickedIncident, id: 'candidates-incident',
  data: { ...tinyIncident.data, properties: { ...tinyIncident.data.properties, handlers: { type: 'array', maxItems: 5, items: { type: 'string', maxLength: 64 }, 'x-pii': 'none' } } },
  forms: { ...tinyIncident.forms, report: { ...tinyIncident.forms.report, fields: [...tinyIncident.forms.report.fields, 'handlers'] } },
  states: { ...tinyIncident.states, accept: { ...tinyIncident.states.accept, task: { ...tinyIncident.states.accept.task, assignee: { pick: 'initiator', field: 'handlers' } } } },
};

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

  it('refuses a transfer to a user outside the case’s scope or without a role of the step (issue 7.3)', async () => {
    const c = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: '转办' } } });
    const accept = (await t.db.knex('tasks').where({ case_id: c.body.id }).first()) as { id: string };
    const officer = await t.token('officer');
    for (const [user, reason] of [['u-rev-west', 'role-or-scope'], ['u-grid1', 'role-or-scope'], ['u-nobody', 'unknown-user']]) {
      const r = await t.api('POST', `/api/tasks/${accept.id}/transfer`, { token: officer, body: { users: [user] } });
      expect({ user, status: r.status, code: r.body.error?.code, reason: r.body.error?.details?.reason }).toEqual({ user, status: 422, code: 'task.target-not-allowed', reason });
    }
    expect((await t.db.knex('tasks').where({ case_id: c.body.id, status: 'pending' }).first('assignee'))?.assignee ?? null).not.toBe('u-rev-west');
  });

  it('a user picked for a task outside their scope reads the case only while it is open', async () => {
    await t.rt.definitions.publishBody(pickedIncident, 'u-admin');
    const c = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'picked-incident', orgPath: GRID1, data: { description: '跨镇协办', handler: 'u-rev-west' } } });
    expect(c.status).toBe(201);
    const west = await t.token('reviewer.west');
    for (const p of ['', '/timeline', '/comments', '/actions']) expect((await t.api('GET', `/api/cases/${c.body.id}${p}`, { token: west })).status).toBe(200);
    const mine = (await t.db.knex('tasks').where({ case_id: c.body.id, assignee: 'u-rev-west' }).first()) as { id: string };
    expect((await t.api('POST', `/api/tasks/${mine.id}/complete`, { token: west, body: { outcome: 'accept' } })).status).toBe(200);
    expect((await t.api('GET', `/api/cases/${c.body.id}`, { token: west })).status).toBe(404);
  });

  it('a named candidate outside their scope finds the task in their queue and its case while it is open (issue 7.3)', async () => {
    await t.rt.definitions.publishBody(candidatesIncident, 'u-admin');
    const c = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'candidates-incident', orgPath: GRID1, data: { description: '候选人', handlers: ['u-rev-west', 'u-grid3'] } } });
    expect(c.status).toBe(201);
    const task = (await t.db.knex('tasks').where({ case_id: c.body.id }).first()) as { id: string; assignee: string | null };
    expect(task.assignee).toBeNull();
    expect((await t.db.knex('task_candidates').where({ task_id: task.id }).orderBy('user_id')).map((r) => r.user_id)).toEqual(['u-grid3', 'u-rev-west']);
    for (const user of ['reviewer.west', 'grid3']) {
      const token = await t.token(user);
      const queue = await t.api('GET', '/api/tasks?status=pending', { token });
      expect({ user, inQueue: queue.body.items.some((x: { id: string }) => x.id === task.id) }).toEqual({ user, inQueue: true });
      expect((await t.api('GET', `/api/cases/${c.body.id}`, { token })).status).toBe(200);
    }
    const west = await t.token('reviewer.west');
    expect((await t.api('POST', `/api/tasks/${task.id}/claim`, { token: west, body: {} })).status).toBe(200);
    expect((await t.api('POST', `/api/tasks/${task.id}/complete`, { token: west, body: { outcome: 'accept' } })).status).toBe(200);
    expect((await t.api('GET', `/api/cases/${c.body.id}`, { token: await t.token('grid3') })).status).toBe(404);
    expect(await t.db.knex('task_candidates').where({ task_id: task.id })).toEqual([]);
  });

  it('a resident sees only the cases they started or took part in, lists no staff and counts only their own tasks (issue 7.3)', async () => {
    await seedCounty(t.db.knex, { orgs: [{ path: GRID1, name: '幸福社区第一网格' }], defaultPassword: 'Tongban@2025', users: [{ id: 'u-res1', username: 'resident1', name: '居民甲', roles: [{ role: 'resident', orgPath: GRID1 }] }] });
    const res = await t.token('resident1');
    const others = await t.api('GET', '/api/cases?limit=200', { token: res });
    expect(others.body.items).toEqual([]);
    expect((await t.api('GET', `/api/cases/${caseId}`, { token: res })).status).toBe(404);
    expect((await t.api('GET', '/api/users?limit=200', { token: res })).body.items).toEqual([]);
    expect((await t.api('GET', '/api/users/u-grid1', { token: res })).status).toBe(404);
    expect((await t.api('GET', '/api/users/u-res1', { token: res })).status).toBe(200);
    expect(await t.api('GET', '/api/tasks/counts', { token: res }).then((r) => r.body)).toEqual({});
    // the grid's open tasks are there for staff to count
    expect(Object.values((await t.api('GET', '/api/tasks/counts', { token: await t.token('grid1') })).body).length).toBeGreaterThan(0);
  });

  it('urge and copy honour expectedVersion (issue 7.3)', async () => {
    const c = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: '版本' } } });
    const task = (await t.db.knex('tasks').where({ case_id: c.body.id }).first()) as { id: string };
    const stale = await t.api('POST', `/api/tasks/${task.id}/urge`, { token: await t.token('grid1'), body: { expectedVersion: 7 } });
    expect({ status: stale.status, code: stale.body.error?.code }).toEqual({ status: 409, code: 'case.version-conflict' });
    const officer = await t.token('officer');
    const copy = await t.api('POST', `/api/tasks/${task.id}/copy`, { token: officer, body: { users: ['u-leader'], expectedVersion: 7 } });
    expect({ status: copy.status, code: copy.body.error?.code }).toEqual({ status: 409, code: 'case.version-conflict' });
    expect((await t.api('POST', `/api/tasks/${task.id}/copy`, { token: officer, body: { users: ['u-leader'], expectedVersion: 1 } })).status).toBe(200);
    expect((await t.api('POST', `/api/tasks/${task.id}/urge`, { token: await t.token('grid1'), body: { expectedVersion: 2 } })).status).toBe(200);
  });

  it('urge: the initiator and supervisors up the tree may, a colleague elsewhere may not; counted per user (issue 7.3)', async () => {
    const c = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: '催办' } } });
    const task = (await t.db.knex('tasks').where({ case_id: c.body.id }).first()) as { id: string };
    // the grid leader sits at the community, the task's own level: not above it, and not a role of the step
    const leader = await t.api('POST', `/api/tasks/${task.id}/urge`, { token: await t.token('leader'), body: {} });
    expect({ status: leader.status, code: leader.body.error?.code }).toEqual({ status: 403, code: 'authz.forbidden' });
    for (let i = 0; i < 3; i++) expect((await t.api('POST', `/api/tasks/${task.id}/urge`, { token: await t.token('grid1'), body: {} })).status).toBe(200);
    expect((await t.api('POST', `/api/tasks/${task.id}/urge`, { token: await t.token('grid1'), body: {} })).body.error.code).toBe('task.urge-rate-limited');
    // another user's budget is their own
    expect((await t.api('POST', `/api/tasks/${task.id}/urge`, { token: await t.token('reviewer.east'), body: {} })).status).toBe(200);
  });

  it('candidates of an open group task outside their scope (a responsible unit) read the case until it closes', async () => {
    await seedCounty(t.db.knex, { orgs: [{ path: UNIT, name: '东城镇综合执法中队' }], defaultPassword: 'Tongban@2025',
      users: [1, 2].map((n) => ({ id: `u-unit${n}`, username: `unit${n}`, name: `执法队员${n}`, roles: [{ role: 'responsible-unit', orgPath: UNIT }] })) });
    t.rt.runOptions.invalidate();
    await t.rt.definitions.publishBody(unitIncident, 'u-admin');
    const c = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'unit-incident', orgPath: GRID1, data: { description: '占道', responsibleUnit: UNIT } } });
    expect(c.status).toBe(201);
    const [unit1, unit2] = [await t.token('unit1'), await t.token('unit2')];
    expect((await t.api('GET', `/api/cases/${c.body.id}`, { token: unit1 })).status).toBe(404);
    const accept = (await t.db.knex('tasks').where({ case_id: c.body.id }).first()) as { id: string };
    expect((await t.api('POST', `/api/tasks/${accept.id}/complete`, { token: await t.token('officer'), body: { outcome: 'accept' } })).status).toBe(200);
    for (const token of [unit1, unit2]) expect((await t.api('GET', `/api/cases/${c.body.id}`, { token })).status).toBe(200);
    expect((await t.api('GET', `/api/cases/${c.body.id}`, { token: await t.token('grid3') })).status).toBe(404);
    const handle = (await t.db.knex('tasks').where({ case_id: c.body.id, state: 'handle' }).first()) as { id: string };
    expect((await t.api('POST', `/api/tasks/${handle.id}/claim`, { token: unit1, body: {} })).status).toBe(200);
    expect((await t.api('POST', `/api/tasks/${handle.id}/complete`, { token: unit1, body: { outcome: 'done' } })).status).toBe(200);
    for (const token of [unit1, unit2]) expect((await t.api('GET', `/api/cases/${c.body.id}`, { token })).status).toBe(404);
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
