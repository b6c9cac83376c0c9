/**
 * The workbench's endpoints end to end on both stores: deadlines on tasks and cases, queue counts
 * and SLA filters, bulk options from the engine, saved views, the case overview, intake drafts
 * with conflicts and photo adoption, inbox counts, oversight aggregates in scope, client config.
 * (Every answer is also validated against the OpenAPI document by the test client.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, GRID_WEST, tinyIncident, type TestRuntime } from './testing/testRuntime.ts';
import { testDialects } from './testing/testDbs.ts';

describe.each(testDialects)('workbench endpoints on %s', (dialect) => {
  let t: TestRuntime;
  let caseId: string;
  let officer: string;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    officer = await t.token('officer');
    const grid1 = await t.token('grid1');
    const c = await t.api('POST', '/api/cases', { token: grid1, body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: '<script>alert(1)</script> 路灯不亮', reporterPhone: '13812341234' } } });
    caseId = c.body.id;
    await t.api('POST', '/api/cases', { token: await t.token('grid3'), body: { definitionId: 'tiny-incident', orgPath: GRID_WEST, data: { description: '西镇' } } });
  });
  afterAll(async () => t.close());

  it('gives every task its deadline on the SLA clock, filters and counts by SLA status', async () => {
    const q = await t.api('GET', '/api/tasks?status=open', { token: officer });
    const task = q.body.items.find((x: { caseId: string }) => x.caseId === caseId);
    expect(task.deadline).toMatchObject({ clock: 'working', status: expect.stringMatching(/on-track|overdue/) });
    expect(task.caseRef).toMatch(/^TB\d{8}/);
    // make it overdue: due an hour ago
    await t.db.knex('tasks').where({ id: task.id }).update({ due_at: Date.now() - 3_600_000, warn_at: Date.now() - 7_200_000 });
    const overdue = await t.api('GET', '/api/tasks?status=open&sla=overdue', { token: officer });
    expect(overdue.body.items.map((x: { id: string }) => x.id)).toEqual([task.id]);
    expect(overdue.body.items[0].deadline.status).toBe('overdue');
    expect((await t.api('GET', '/api/tasks?status=open&sla=on-track', { token: officer })).body.items).toEqual([]);
    const counts = await t.api('GET', '/api/tasks/queue-counts', { token: officer });
    expect(counts.body).toEqual({ all: 1, unclaimed: 0, mine: 1, atRisk: 0, overdue: 1 });
    // the west township's task is outside the east reviewer's scope
    expect((await t.api('GET', '/api/tasks/queue-counts', { token: await t.token('reviewer.east') })).body.all).toBe(1);
    const cases = await t.api('GET', '/api/cases?sla=overdue', { token: officer });
    expect(cases.body.items.map((c: { id: string }) => c.id)).toEqual([caseId]);
    expect(cases.body.items[0].deadline.status).toBe('overdue');
  });

  it('offers bulk approve only where every selected task allows it', async () => {
    const task = (await t.db.knex('tasks').where({ case_id: caseId }).first()) as { id: string };
    const mine = await t.api('POST', '/api/tasks/bulk-options', { token: officer, body: { taskIds: [task.id] } });
    expect(mine.body).toEqual({ approve: 'accept', transfer: true, items: [{ taskId: task.id, approve: 'accept', transfer: true }] });
    const west = (await t.db.knex('tasks').whereNot({ case_id: caseId }).first()) as { id: string };
    const mixed = await t.api('POST', '/api/tasks/bulk-options', { token: officer, body: { taskIds: [task.id, west.id] } });
    expect(mixed.body.approve).toBeNull();
    expect(mixed.body.transfer).toBe(false);
  });

  it('keeps saved views per user', async () => {
    const saved = await t.api('POST', '/api/views', { token: officer, body: { screen: 'queue', name: '超时', query: 'tab=overdue' } });
    expect(saved.status).toBe(201);
    await t.api('POST', '/api/views', { token: officer, body: { screen: 'queue', name: '超时', query: 'tab=overdue&sort=priority' } });
    const list = await t.api('GET', '/api/views?screen=queue', { token: officer });
    expect(list.body.items).toEqual([expect.objectContaining({ name: '超时', query: 'tab=overdue&sort=priority' })]);
    expect((await t.api('GET', '/api/views', { token: await t.token('grid1') })).body.items).toEqual([]);
    expect((await t.api('DELETE', `/api/views/${saved.body.id}`, { token: await t.token('grid1') })).body).toEqual({ deleted: false });
    expect((await t.api('DELETE', `/api/views/${saved.body.id}`, { token: officer })).body).toEqual({ deleted: true });
    expect((await t.api('POST', '/api/views', { token: officer, body: { screen: 'queue', name: 'x', query: '<img src=x>' } })).status).toBe(400);
  });

  it('describes the case page: header, deadline, current step with why, steps ahead; 404 out of scope', async () => {
    const o = await t.api('GET', `/api/cases/${caseId}/overview`, { token: officer });
    expect(o.body.title['zh-CN']).toBe('简易网格事件');
    expect(o.body.current).toEqual([expect.objectContaining({ state: 'accept', assigneeName: expect.any(String), why: expect.any(Array) })]);
    expect(o.body.ahead.map((a: { state: string }) => a.state)).toContain('review');
    expect(o.body.deadline.status).toBe('overdue');
    expect((await t.api('GET', `/api/cases/${caseId}/overview`, { token: await t.token('grid3') })).status).toBe(404);
    const task = (await t.db.knex('tasks').where({ case_id: caseId }).first()) as { id: string };
    await t.api('POST', `/api/tasks/${task.id}/complete`, { token: officer, body: { outcome: 'accept', comment: '已核实' } });
    const after = await t.api('GET', `/api/cases/${caseId}/overview`, { token: officer });
    expect(after.body.trail).toEqual([expect.objectContaining({ state: 'accept', decision: 'accept', comment: '已核实', decisionTitle: { 'zh-CN': '受理', en: 'Accept' } })]);
  });

  it('names what lists and the case page would otherwise show as ids: the state of each case, the author of each comment, the people in 选人 fields', async () => {
    // tiny-incident with a 选人 field on its report form (a list of people)
    const withPeople = { ...tinyIncident, id: 'tiny-people',
      data: { ...tinyIncident.data, properties: { ...tinyIncident.data.properties, helpers: { type: 'array', 'x-pii': 'none', items: { type: 'string', maxLength: 64 }, 'x-widget': 'user-picker' },
        unit: { type: 'string', 'x-pii': 'none', 'x-widget': 'org-picker' }, gridCode: { type: 'string', 'x-pii': 'none', pattern: '^\\d{15}$' } } },
      forms: { ...tinyIncident.forms, report: { ...tinyIncident.forms.report, fields: [...tinyIncident.forms.report.fields, 'helpers', 'unit', 'gridCode'] } },
      states: { ...tinyIncident.states, accept: { ...tinyIncident.states.accept, task: { ...tinyIncident.states.accept.task, title: { 'zh-CN': '受理登记', en: 'Register' } } } } };
    await t.rt.definitions.publishBody(withPeople as never, 'u-admin');
    const users = (await t.db.knex('users').whereIn('username', ['grid1', 'grid2', 'officer']).select('id', 'username', 'name')) as Array<{ id: string; username: string; name: string }>;
    const byName = Object.fromEntries(users.map((u) => [u.username, u]));
    // a volunteer (no staff role): a name is personal data, shown masked like any name in the data
    await t.db.knex('users').insert({ id: 'u-volunteer-x', username: 'volunteer.x', name: '欧阳丽娜', org_path: GRID1, created_at: Date.now() });
    await t.db.knex('role_assignments').insert({ user_id: 'u-volunteer-x', role: 'volunteer', org_path: GRID1 });
    const grid1 = await t.token('grid1');
    const c = await t.api('POST', '/api/cases', { token: grid1, body: { definitionId: 'tiny-people', orgPath: GRID1, data: { description: '楼道堆物', helpers: [byName.grid2!.id, 'u-volunteer-x', 'u-nobody'], unit: GRID_WEST, gridCode: GRID1.split('/').pop() } } });
    expect(c.status).toBe(201);
    const o = await t.api('GET', `/api/cases/${c.body.id}/overview`, { token: officer });
    // a colleague in full, a volunteer masked; an id that names no one is left out (the page shows the id itself)
    expect(o.body.userNames).toEqual({ [byName.grid2!.id]: byName.grid2!.name, 'u-volunteer-x': '欧**娜' });
    expect(JSON.stringify(o.body)).not.toContain('欧阳丽娜');
    // units by path and grids by code, also outside the reader's scope (the west township's grid)
    const units = (await t.db.knex('org_units').whereIn('path', [GRID_WEST, GRID1]).select('path', 'code', 'name')) as Array<{ path: string; code: string; name: string }>;
    const west = units.find((u) => u.path === GRID_WEST)!;
    const own = units.find((u) => u.path === GRID1)!;
    // and the case's own unit, for its header
    expect(o.body.unitNames).toEqual({ [GRID_WEST]: west.name, [own.code]: own.name, [GRID1]: own.name });
    const list = await t.api('GET', '/api/cases?limit=200', { token: officer });
    for (const item of list.body.items as Array<{ id: string; stateTitle: unknown }>) {
      const page = await t.api('GET', `/api/cases/${item.id}/overview`, { token: officer });
      expect(item.stateTitle, item.id).toEqual(page.body.stateTitle);
    }
    expect(list.body.items.find((x: { id: string }) => x.id === c.body.id).stateTitle).toEqual({ 'zh-CN': '受理登记', en: 'Register' });
    // each listed case names its unit (the reader's tree may not hold it: a grid worker's case filed at the community)
    const unitOf = new Map(((await t.db.knex('org_units').select('path', 'name')) as Array<{ path: string; name: string }>).map((u) => [u.path, u.name]));
    for (const item of list.body.items as Array<{ orgPath: string; orgName: string | null }>) expect(item.orgName).toBe(unitOf.get(item.orgPath));
    await t.api('POST', `/api/cases/${c.body.id}/comments`, { token: officer, body: { body: '已联系物业' } });
    const comments = await t.api('GET', `/api/cases/${c.body.id}/comments`, { token: grid1 });
    expect(comments.body.items).toEqual([expect.objectContaining({ userId: byName.officer!.id, userName: byName.officer!.name, body: '已联系物业' })]);
    // the audit log names who acted beside the id (entries are chained by the sealer a moment after the command)
    const admin = await t.token('admin');
    const createdEntry = async () => ((await t.api('GET', `/api/audit?caseId=${c.body.id}`, { token: admin })).body.items as Array<{ action: string; actorId: string; actorName: string | null }>)
      .find((e) => e.action === 'case.created');
    await expect.poll(async () => { const e = await createdEntry(); return e && [e.actorId, e.actorName]; }).toEqual([byName.grid1!.id, byName.grid1!.name]);
    // its creation says the state it entered
    expect((await createdEntry() as unknown as { summary: unknown }).summary).toEqual({ 'zh-CN': '新建，进入 受理登记', en: 'Created, entering Register' });
    // a step in words from the case's definition: the decision, the state left and the state entered (a state without a title by its id)
    const task = (await t.db.knex('tasks').where({ case_id: c.body.id, state: 'accept' }).first('id')) as { id: string };
    expect((await t.api('POST', `/api/tasks/${task.id}/complete`, { token: officer, body: { outcome: 'accept' } })).status).toBe(200);
    await expect.poll(async () => ((await t.api('GET', `/api/audit?caseId=${c.body.id}&action=task.accept`, { token: admin })).body.items as Array<{ summary: unknown }>)[0]?.summary)
      .toEqual({ 'zh-CN': '受理：受理登记 → review', en: 'Accept: Register → review' });
  });

  it('tells how each consent the data names stands now (in force, withdrawn, expired) and never whose it is', async () => {
    const consentField = (purpose: string) => ({ type: 'string', 'x-pii': 'none', maxLength: 64, 'x-consent': { purpose } });
    const withConsents = { ...tinyIncident, id: 'tiny-consents',
      data: { ...tinyIncident.data, properties: { ...tinyIncident.data.properties, doorRef: consentField('door-access'), sensorRef: consentField('sensor-monitoring'), shareRef: consentField('share-provider') } },
      forms: { ...tinyIncident.forms, report: { ...tinyIncident.forms.report, fields: [...tinyIncident.forms.report.fields, 'doorRef', 'sensorRef', 'shareRef'] } } };
    await t.rt.definitions.publishBody(withConsents as never, 'u-admin');
    const now = Date.now();
    const record = async (purpose: 'door-access' | 'sensor-monitoring' | 'share-provider', expiresAt?: number) => (await t.rt.consents.record({ subjectName: '吕桂兰', subjectIdNumber: '510722194805013963',
      orgPath: GRID1, purpose, dataCategories: ['name'], recipients: ['驿站'], evidence: '同意书', grantedAt: now - 1000, expiresAt }, { id: 'u-admin', roles: ['county-admin'] }, now - 1000)).id;
    const [door, sensor, share] = [await record('door-access'), await record('sensor-monitoring'), await record('share-provider', now + 60_000)];
    const c = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'tiny-consents', orgPath: GRID1, data: { description: '老人报警', doorRef: door, sensorRef: sensor, shareRef: share } } });
    expect(c.status).toBe(201);
    await t.db.knex('consents').where({ id: sensor }).update({ status: 'withdrawn', withdrawn_by: 'u-admin', withdrawn_at: now, withdraw_reason: '家属要求' });
    await t.db.knex('consents').where({ id: share }).update({ expires_at: now - 1 });
    const o = await t.api('GET', `/api/cases/${c.body.id}/overview`, { token: officer });
    expect(o.body.consents).toEqual({
      doorRef: { ref: door, status: 'active', grantedAt: now - 1000, expiresAt: null, withdrawnAt: null },
      sensorRef: { ref: sensor, status: 'withdrawn', grantedAt: now - 1000, expiresAt: null, withdrawnAt: now },
      shareRef: { ref: share, status: 'expired', grantedAt: now - 1000, expiresAt: now - 1, withdrawnAt: null },
    });
    expect(JSON.stringify(o.body)).not.toMatch(/吕|桂兰|510722194805013963/);
    // a case without consent fields has none
    expect((await t.api('GET', `/api/cases/${caseId}/overview`, { token: officer })).body.consents).toEqual({});
  });

  it('saves intake drafts with revisions (a stale one is a conflict) and the case adopts the draft photos', async () => {
    const grid1 = await t.token('grid1');
    const id = 'd1a2b3c4-0000-4000-8000-000000000001';
    const first = await t.api('PUT', `/api/drafts/${id}`, { token: grid1, body: { definitionId: 'tiny-incident', data: { description: '草稿' }, revision: 0 } });
    expect(first.body.revision).toBe(1);
    const stale = await t.api('PUT', `/api/drafts/${id}`, { token: grid1, body: { definitionId: 'tiny-incident', data: { description: '旧' }, revision: 0 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'draft.conflict', details: { currentRevision: 1 } });
    expect((await t.api('GET', '/api/drafts', { token: grid1 })).body.items[0]).toMatchObject({ id, data: { description: '草稿' } });
    expect((await t.api('GET', '/api/drafts', { token: officer })).body.items).toEqual([]);
    const photo = await t.api('POST', `/api/drafts/${id}/attachments?name=p.png`, { token: grid1, raw: Buffer.from('png'), headers: { 'content-type': 'image/png' } });
    expect(photo.status).toBe(201);
    const c = await t.api('POST', '/api/cases', { token: grid1, body: { definitionId: 'tiny-incident', orgPath: GRID1, draftId: id, data: { description: photo.body.id } } }); // a form field holding the attachment id (as photo fields do)
    expect(c.status).toBe(201);
    const files = await t.api('GET', `/api/cases/${c.body.id}/attachments`, { token: grid1 });
    expect(files.body.items.map((f: { id: string }) => f.id)).toEqual([photo.body.id]);
    expect((await t.api('GET', '/api/drafts', { token: grid1 })).body.items).toEqual([]);
  });

  it('counts unread notices by kind; oversight figures are scoped and role-gated', async () => {
    const grid1 = await t.token('grid1');
    await t.db.knex('notifications').insert({ user_id: 'u-grid1', kind: 'cc', case_id: caseId, title: 'cc', dedupe_key: `wb-${dialect}`, created_at: Date.now() });
    expect((await t.api('GET', '/api/notifications/counts', { token: grid1 })).body).toMatchObject({ cc: 1 });
    const east = await t.api('GET', '/api/oversight/by-org', { token: await t.token('reviewer.east') });
    expect(east.body.orgPath).toBe('/510722/510722100');
    const county = await t.api('GET', '/api/oversight/by-org', { token: await t.token('admin') });
    const byPath = Object.fromEntries(county.body.items.map((i: { orgPath: string; openCases: number }) => [i.orgPath, i.openCases]));
    expect(byPath['/510722/510722200']).toBe(1);
    const westFromEast = await t.api('GET', '/api/oversight/summary?orgPath=/510722/510722200', { token: await t.token('reviewer.east') });
    expect(westFromEast.body.openCases).toBe(0); // outside the caller's scope: nothing counted
    expect((await t.api('GET', '/api/oversight/summary', { token: grid1 })).status).toBe(403);
    const trend = await t.api('GET', '/api/oversight/trend?weeks=2', { token: await t.token('admin') });
    expect(trend.body.items).toHaveLength(2);
    expect(trend.body.items[1].opened).toBeGreaterThanOrEqual(3);
  });

  it('gives the client its calendar without a token', async () => {
    const c = await t.api('GET', '/api/client-config');
    expect(c.body.calendar.years.map((y: { year: number }) => y.year)).toContain(2026);
    expect(c.body.idCardBridgeUrl).toBeNull();
    // the device refuses an offline photo the server would refuse later
    expect(c.body.attachments).toEqual({ maxBytes: 10 * 1024 * 1024, types: expect.arrayContaining(['image/jpeg', 'image/png', 'image/webp']) });
  });
});
