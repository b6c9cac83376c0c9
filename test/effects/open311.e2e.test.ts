/**
 * Issue 8, item 5: a grid incident posted over Open311 (form-urlencoded, API key) by a client using
 * plain `fetch` opens a grid-incident case as an external system, the case appears in the queue of the
 * grid its address names, and GET answers its status without any reporter detail. SQLite and MariaDB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../runtime/src/testing/testDbs.ts';
import { e2eWorld, type E2eWorld } from './testing/e2eWorld.ts';

const KEY = 'open311-e2e-client-key';
const GRID = '/510722/510722001/510722001001/510722001001001';

describe.each(testDialects)('Open311 → grid incident on %s', (dialect) => {
  let w: E2eWorld;
  beforeAll(async () => {
    w = await e2eWorld(dialect, ['open311']);
    const put = await w.api('PUT', '/api/adapters/open311/config', { user: 'county-admin', body: {
      config: { defaultGridPath: '/510722/510722001/510722001001/510722001001002', areas: [{ gridPath: GRID, match: ['幸福路'] }],
        services: [{ code: '0101', name: '井盖缺失', description: '道路井盖缺失或破损', group: '市政设施' }] },
      secrets: { apiKeys: [{ client: 'e2e', key: KEY }] } } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  }, 60_000);
  afterAll(async () => w?.close());

  it('opens the case in the right grid’s queue and answers status without the reporter', async () => {
    const body = new URLSearchParams({ api_key: KEY, service_code: '0101', lat: '30.871234', long: '105.382345', address_string: '幸福路12号3栋2单元门口',
      first_name: '三丰', last_name: '张', phone: '13812341234', email: 'zhang@example.com', description: '门口井盖缺失，夜间有人踩空的危险', media_url: 'https://img.example.cn/p/1.jpg' });
    const res = await fetch(`${w.url}/ext/open311/requests.json`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(201);
    const id = ((await res.json()) as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const c = await w.db.knex('cases').where({ ref: id }).first('id', 'org_path', 'created_by', 'definition_id');
    expect(c).toMatchObject({ org_path: GRID, created_by: 'external', definition_id: 'grid-incident' });
    const task = await w.db.knex('tasks').where({ case_id: c.id, status: 'pending' }).first('id', 'state');
    expect(task.state).toBe('reported');
    const seen = async (user: string) => (await w.api('GET', '/api/tasks?status=open&limit=200', { user })).body.items.map((x: { id: string }) => x.id);
    expect(await seen('grid-leader-510722001001')).toContain(task.id);
    expect(await seen('grid-worker-510722001001001-1')).toContain(task.id);
    expect(await seen('grid-leader-510722001002')).not.toContain(task.id);
    const status = await fetch(`${w.url}/ext/open311/requests/${id}.json`);
    const text = await status.text();
    expect(JSON.parse(text)[0]).toMatchObject({ service_request_id: id, status: 'open', address: '幸福路12号', service_code: '0101' });
    for (const s of ['三丰', '13812341234', 'zhang@example.com', '踩空']) expect(text).not.toContain(s);
    // the case keeps the reporter, masked for roles that do not need the contact
    const view = await w.api('GET', `/api/cases/${c.id}`, { user: 'township-reviewer-510722001' });
    expect(JSON.stringify(view.body.data)).not.toContain('13812341234');
    expect((await fetch(`${w.url}/ext/open311/requests.json`, { method: 'POST', body: new URLSearchParams({ api_key: 'nope-nope-nope-nope', service_code: '0101' }) })).status).toBe(403);
  });
});
