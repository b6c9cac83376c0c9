/** 公示/公告: a case in a `public` state is readable by the residents of its community, and only while it is there. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, tinyCounty, tinyIncident, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';
import { seedCounty } from '../seed/seedCounty.ts';

/** tiny-incident whose review step is a public notice (公示) of the accepted case. */
const noticed = { ...tinyIncident, id: 'noticed-incident', states: { ...tinyIncident.states, review: { ...tinyIncident.states.review, tags: ['public'] } } };
const report = { description: '3栋外墙脱落，公示维修方案', reporterPhone: '13812341234' };

describe.each(testDialects)('public notices on %s', (dialect) => {
  let t: TestRuntime;
  let caseId: string;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    await t.rt.definitions.publishBody(noticed, 'u-admin');
    await seedCounty(t.db.knex, { orgs: tinyCounty.orgs, defaultPassword: 'Tongban@2025', users: [
      // same community, another grid; another community of the same township
      { id: 'u-neighbour', username: 'neighbour', name: '邻居', roles: [{ role: 'resident', orgPath: '/510722/510722100/510722100001/510722100001002' }] },
      { id: 'u-villager', username: 'villager', name: '村民', roles: [{ role: 'resident', orgPath: '/510722/510722100/510722100002/510722100002001' }] },
    ] });
    for (const u of ['grid1', 'officer', 'neighbour', 'villager', 'reviewer.east']) tokens[u] = await t.token(u);
    caseId = (await t.api('POST', '/api/cases', { token: tokens.grid1, body: { definitionId: 'noticed-incident', orgPath: GRID1, data: report } })).body.id;
  }, 120_000);
  afterAll(async () => t?.close());

  const sees = async (who: string) => (await t.api('GET', `/api/cases/${caseId}`, { token: tokens[who] })).status;
  const lists = async (who: string) => ((await t.api('GET', '/api/cases', { token: tokens[who] })).body.items as Array<{ id: string }>).some((c) => c.id === caseId);
  const task = async (who: string) => ((await t.api('GET', '/api/tasks/mine?status=pending', { token: tokens[who] })).body.items as Array<{ id: string; caseId: string }>).find((x) => x.caseId === caseId)!;

  it('is not readable by residents who took no part before the notice', async () => {
    expect(await sees('neighbour')).toBe(404);
    expect(await lists('neighbour')).toBe(false);
  });

  it('opens to the residents of the case’s community while public, not to other communities', async () => {
    const accept = await task('officer');
    expect((await t.api('POST', `/api/tasks/${accept.id}/complete`, { token: tokens.officer, body: { outcome: 'accept', data: { note: '公示' } } })).status).toBe(200);
    expect(await sees('neighbour')).toBe(200);
    expect(await lists('neighbour')).toBe(true);
    expect(await sees('villager')).toBe(404);
    expect(await lists('villager')).toBe(false);
    // a resident reads, but masked: the reporter's phone is not shown in clear
    const body = (await t.api('GET', `/api/cases/${caseId}`, { token: tokens.neighbour })).body as { data: Record<string, unknown> };
    expect(body.data.reporterPhone).not.toBe(report.reporterPhone);
  });

  it('closes again when the case leaves the public state', async () => {
    const review = await task('reviewer.east');
    expect((await t.api('POST', `/api/tasks/${review.id}/complete`, { token: tokens['reviewer.east'], body: { outcome: 'approve' } })).status).toBe(200);
    expect(await sees('neighbour')).toBe(404);
    expect(await lists('neighbour')).toBe(false);
  });
});
