import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../testing/testDbs.ts';
import { effectsWorld, type EffectsWorld } from '../testing/effectsWorld.ts';
import { GRID1 } from '../testing/testRuntime.ts';
import { parentIncident } from './fixtures/definitions.ts';

describe.each(testDialects)('sub-cases on %s', (dialect) => {
  let w: EffectsWorld;
  beforeAll(async () => { w = await effectsWorld(dialect); });
  afterAll(async () => w?.close());

  const complete = async (caseId: string, state: string, user: string, outcome: string, data?: Record<string, unknown>) => {
    const task = (await w.db.knex('tasks').where({ case_id: caseId, state }).whereIn('status', ['pending']).first('id')) as { id: string };
    const r = await w.api('POST', `/api/tasks/${task.id}/complete`, { token: await w.token(user), body: { outcome, data } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };

  it('spawns the child once (on the published version, at the parent’s org, as the spawning user), links both ways, and resumes the parent when it closes', async () => {
    const grid = await w.token('grid1');
    const created = await w.api('POST', '/api/cases', { token: grid, body: { definitionId: 'parent-incident', orgPath: GRID1, data: { description: '需要子案件', reporterPhone: '13812341234' } } });
    expect(created.status).toBe(201);
    const parent = created.body.id as string;
    await w.rt.dispatch();
    const links = await w.api('GET', `/api/cases/${parent}/links`, { token: grid });
    expect(links.body.children).toHaveLength(1);
    const child = links.body.children[0];
    expect(child).toMatchObject({ definitionId: 'tiny-incident', link: 'open', spawnedBy: 'u-grid1', state: 'accept' });
    const row = await w.db.knex('cases').where({ id: child.id }).first('org_path', 'definition_version', 'created_by', 'snapshot');
    expect(row).toMatchObject({ org_path: GRID1, definition_version: 1, created_by: 'u-grid1' });
    expect(JSON.parse(row.snapshot).context.data).toMatchObject({ description: '需要子案件', reporterPhone: '13812341234' });
    expect((await w.api('GET', `/api/cases/${child.id}/links`, { token: grid })).body.parent).toMatchObject({ id: parent, childKey: child.childKey });
    // a redelivered spawn row never makes a second child
    await w.db.knex('outbox').where({ case_id: parent, kind: 'case.spawn' }).update({ status: 'pending', available_at: 0 });
    await w.rt.dispatch();
    expect(await w.db.knex('case_links').where({ parent_case_id: parent }).select('child_case_id')).toHaveLength(1);
    expect(await w.state(parent)).toBe('waiting');
    await complete(child.id, 'accept', 'officer', 'accept');
    await complete(child.id, 'review', 'reviewer.east', 'approve');
    await complete(child.id, 'verify', 'grid1', 'close', { result: '已处理' });
    await w.rt.dispatch();
    expect(await w.state(parent)).toBe('resumed');
    expect((await w.api('GET', `/api/cases/${parent}/links`, { token: grid })).body.children[0]).toMatchObject({ link: 'delivered', outcome: 'closed', status: 'done' });
    const snap = JSON.parse(((await w.db.knex('cases').where({ id: parent }).first('snapshot')) as { snapshot: string }).snapshot);
    expect(snap.context.data.subcaseOutcome).toBe('closed');
  });

  it('a parent that was closed meanwhile ignores the outcome, with the reason on the link', async () => {
    const grid = await w.token('grid1');
    const parent = (await w.api('POST', '/api/cases', { token: grid, body: { definitionId: 'parent-incident', orgPath: GRID1, data: { description: '父案件撤销' } } })).body.id as string;
    await w.rt.dispatch();
    const child = (await w.db.knex('case_links').where({ parent_case_id: parent }).first('child_case_id')).child_case_id as string;
    await w.db.knex('cases').where({ id: parent }).update({ status: 'stopped' }); // closed by other means (e.g. an admin)
    await w.api('POST', `/api/tasks/${(await w.db.knex('tasks').where({ case_id: child, state: 'accept' }).first('id')).id}/complete`, { token: await w.token('officer'), body: { outcome: 'void', comment: '重复上报' } });
    await w.rt.dispatch();
    const link = await w.db.knex('case_links').where({ parent_case_id: parent }).first('status', 'note', 'outcome');
    expect(link).toMatchObject({ status: 'ignored', outcome: 'voided', note: expect.stringContaining('父案件已结束') });
  });
  it('refuses a parent whose sub-case input the child’s intake would refuse, before it moves (the newest published child is checked at run time)', async () => {
    // the child's required description comes from the parent's optional address: lint cannot know it will be empty, the run-time check does
    const def = { ...parentIncident, id: 'parent-from-note', states: { ...parentIncident.states,
      waiting: { ...parentIncident.states.waiting, subcase: { definition: 'tiny-incident', input: { description: { var: 'data.address' } } } } } };
    await w.rt.definitions.publishBody(def, 'u-admin');
    const grid = await w.token('grid1');
    const before = Number(((await w.db.knex('cases').count({ n: '*' })) as Array<{ n: number | string }>)[0]!.n);
    const refused = await w.api('POST', '/api/cases', { token: grid, body: { definitionId: 'parent-from-note', orgPath: GRID1, data: { description: '子案件缺少描述' } } });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.error.details.diagnostics).toContainEqual(expect.objectContaining({ code: 'run.spawn-intake-invalid', path: '/states/waiting/subcase' }));
    expect(Number(((await w.db.knex('cases').count({ n: '*' })) as Array<{ n: number | string }>)[0]!.n)).toBe(before);
    // with the field filled in, the same parent starts and its child is spawned
    const ok = await w.api('POST', '/api/cases', { token: grid, body: { definitionId: 'parent-from-note', orgPath: GRID1, data: { description: '有描述', address: '幸福路12号' } } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    await w.rt.dispatch();
    expect((await w.api('GET', `/api/cases/${ok.body.id}/links`, { token: grid })).body.children).toHaveLength(1);
  });
});
