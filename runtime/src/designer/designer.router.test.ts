import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, tinyIncident, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';

/** tiny-incident as a new item `shop-check`: the intake starts at accept; approving there moves on. */
function item(): Record<string, any> {
  return { ...structuredClone(tinyIncident), id: 'shop-check', title: { 'zh-CN': '门前三包巡查', en: 'Shop-front check' } };
}

describe.each(testDialects)('designer API on %s', (dialect) => {
  let t: TestRuntime;
  let admin: string;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    admin = await t.token('admin');
  }, 60_000); // a runtime on MariaDB, on a shared machine
  afterAll(async () => t?.close());

  it('is for county admins only', async () => {
    const officer = await t.token('officer');
    for (const [m, p, body] of [['GET', '/api/designer/directory'], ['GET', '/api/designer/drafts/shop-check'], ['PUT', '/api/designer/drafts/shop-check', { definition: item(), baseRevision: 0 }],
      ['GET', '/api/designer/scenarios/shop-check'], ['POST', '/api/designer/drafts/shop-check/publish', { revision: 1 }]] as const) {
      const r = await t.api(m, p, { token: officer, body });
      expect(r.status, `${m} ${p}`).toBe(403);
      expect(r.body.error.code).toBe('authz.forbidden');
    }
    const dir = await t.api('GET', '/api/designer/directory', { token: admin });
    expect(dir.status).toBe(200);
    expect(dir.body.users.find((u: { id: string }) => u.id === 'u-officer').roles).toEqual([{ role: 'community-officer', orgPath: '/510722/510722100/510722100001' }]);
  });

  it('two saves based on one revision: the second gets a conflict naming who saved, nothing is overwritten', async () => {
    const first = await t.api('PUT', '/api/designer/drafts/shop-check', { token: admin, body: { definition: item(), baseRevision: 0 } });
    expect(first.status).toBe(200);
    expect(first.body.revision).toBe(1);
    const mine = { ...item(), title: { 'zh-CN': '我的标题', en: 'Mine' } };
    const theirs = { ...item(), title: { 'zh-CN': '他的标题', en: 'Theirs' } };
    expect((await t.api('PUT', '/api/designer/drafts/shop-check', { token: admin, body: { definition: theirs, baseRevision: 1 } })).status).toBe(200);
    const late = await t.api('PUT', '/api/designer/drafts/shop-check', { token: admin, body: { definition: mine, baseRevision: 1 } });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'designer.draft-conflict', details: { revision: 2, updatedBy: 'u-admin' } });
    expect(late.body.error.details.updatedByName).toBeTruthy();
    const stored = await t.api('GET', '/api/designer/drafts/shop-check', { token: admin });
    expect(stored.body).toMatchObject({ revision: 2, definition: { title: { 'zh-CN': '他的标题' } } });
    // a second first save (base 0) is a conflict too
    expect((await t.api('PUT', '/api/designer/drafts/shop-check', { token: admin, body: { definition: mine, baseRevision: 0 } })).status).toBe(409);
    // concurrent saves on one base: exactly one wins
    const both = await Promise.all([0, 1].map(() => t.api('PUT', '/api/designer/drafts/shop-check', { token: admin, body: { definition: mine, baseRevision: 2 } })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('refuses a draft whose id is not the address, and junk bodies, with coded errors', async () => {
    const r = await t.api('PUT', '/api/designer/drafts/other-item', { token: admin, body: { definition: item(), baseRevision: 0 } });
    expect(r.body.error.code).toBe('designer.id-mismatch');
    const junk = await t.api('PUT', '/api/designer/drafts/shop-check', { token: admin, body: { definition: 'x', baseRevision: -1 } });
    expect(junk.status).toBe(400);
  });

  it('publish: refused with lint errors; saved scenarios replay; a failing scenario blocks publishing through either endpoint', async () => {
    const draft = (await t.api('GET', '/api/designer/drafts/shop-check', { token: admin })).body;
    const broken = { ...item(), states: { ...item().states, accept: { ...item().states.accept, on: { ...item().states.accept.on, accept: { target: 'nowhere' } } } } };
    const saved = await t.api('PUT', '/api/designer/drafts/shop-check', { token: admin, body: { definition: broken, baseRevision: draft.revision } });
    const refused = await t.api('POST', '/api/designer/drafts/shop-check/publish', { token: admin, body: { revision: saved.body.revision } });
    expect(refused.status).toBe(422);
    expect(['definition.lint-failed', 'definition.invalid']).toContain(refused.body.error.code);

    const good = await t.api('PUT', '/api/designer/drafts/shop-check', { token: admin, body: { definition: item(), baseRevision: saved.body.revision } });
    // a scenario: the grid worker reports, nothing else; it must stay in `accept`
    const scenario = { name: '上报后待受理', script: { case: { orgPath: GRID1, by: 'u-grid1', at: '2026-03-02T01:00:00Z', data: { description: '门前堆物' } }, steps: [] }, expect: { state: 'accept', status: 'active' } };
    expect((await t.api('PUT', '/api/designer/scenarios/shop-check', { token: admin, body: { items: [scenario] } })).status).toBe(200);
    const run = await t.api('POST', '/api/designer/scenarios/shop-check/run', { token: admin, body: { definition: item() } });
    expect(run.body.items).toMatchObject([{ name: '上报后待受理', ok: true, state: 'accept' }]);
    const pub = await t.api('POST', '/api/designer/drafts/shop-check/publish', { token: admin, body: { revision: good.body.revision } });
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ id: 'shop-check', version: 1, scenarios: [{ ok: true }] });
    expect((await t.api('GET', '/api/designer/drafts/shop-check', { token: admin })).status).toBe(404);

    // v2 starts elsewhere: the scenario now ends in another state
    const moved = { ...item(), initial: Object.keys(item().states).find((k) => k !== 'accept' && !item().states[k].type) };
    const d2 = await t.api('PUT', '/api/designer/drafts/shop-check', { token: admin, body: { definition: moved, baseRevision: 0 } });
    const blocked = await t.api('POST', '/api/designer/drafts/shop-check/publish', { token: admin, body: { revision: d2.body.revision } });
    expect(blocked.status).toBe(422);
    expect(blocked.body.error).toMatchObject({ code: 'designer.scenario-failed', details: { scenarios: [{ name: '上报后待受理', ok: false }] } });
    // the plain definitions API enforces the same gate
    const created = await t.api('POST', '/api/definitions', { token: admin, body: moved });
    expect(created.status).toBe(201);
    const direct = await t.api('POST', `/api/definitions/shop-check/versions/${created.body.version}/publish`, { token: admin });
    expect(direct.status).toBe(422);
    expect(direct.body.error.code).toBe('designer.scenario-failed');
  });
});
