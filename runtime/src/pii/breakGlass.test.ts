import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';

describe.each(testDialects)('break-glass review on %s', (dialect) => {
  let t: TestRuntime;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    const c = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: '独居老人报警', reporterPhone: '13812341234' } } });
    caseId = c.body.id;
    const reveal = await t.api('POST', `/api/cases/${caseId}/reveal`, { token: await t.token('dispatcher'),
      body: { fields: ['reporterPhone'], purpose: 'emergency', breakGlass: true, reason: '老人报警后无应答，需立即联系家属' } });
    expect(reveal.status).toBe(200);
  });
  afterAll(async () => t.close());

  it('lists pending reveals to supervisors in scope only', async () => {
    const get = async (user: string, q = '') => t.api('GET', `/api/audit/break-glass${q}`, { token: await t.token(user) });
    const admin = await get('admin');
    expect(admin.body.items).toMatchObject([{ caseId, actorId: 'u-dispatch', status: 'pending', orgPath: GRID1 }]);
    expect((await get('reviewer.east')).body.items.map((i: { caseId: string }) => i.caseId)).toEqual([caseId]);
    expect((await get('reviewer.west')).body.items).toEqual([]);
    for (const user of ['officer', 'grid1', 'leader']) expect((await get(user)).body.error.code).toBe('authz.forbidden');
  });

  it('records one review, audited; not by the revealer, not outside scope, not twice', async () => {
    const id = (await t.api('GET', '/api/audit/break-glass', { token: await t.token('admin') })).body.items[0].id as number;
    const review = async (user: string) => t.api('POST', `/api/audit/break-glass/${id}/review`, { token: await t.token(user), body: { outcome: 'justified', note: '确属紧急情况' } });
    expect((await review('dispatcher')).body.error.code).toBe('break-glass.self-review');
    expect((await review('reviewer.west')).body.error.code).toBe('break-glass.not-found');
    expect((await review('officer')).body.error.code).toBe('authz.forbidden');
    const ok = await review('reviewer.east');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id, status: 'reviewed', reviewerId: 'u-rev-east', outcome: 'justified' });
    expect((await review('admin')).body.error.code).toBe('break-glass.already-reviewed');
    const admin = await t.token('admin');
    expect((await t.api('GET', '/api/audit/break-glass', { token: admin })).body.items).toEqual([]);
    expect((await t.api('GET', '/api/audit/break-glass?status=reviewed', { token: admin })).body.items).toHaveLength(1);
    const audit = await t.api('GET', '/api/audit?action=pii.break-glass.reviewed', { token: admin });
    expect(audit.body.items).toMatchObject([{ actorId: 'u-rev-east', caseId, detail: { breakGlassSeq: id, outcome: 'justified', note: 'given' } }]);
    expect((await t.api('GET', '/api/audit/verify', { token: admin })).body.ok).toBe(true);
  });
});
