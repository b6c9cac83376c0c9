/**
 * Issue 13, item 1: a 12345 order posted (signed) by a stand-in hotline opens a grid incident as an
 * external system, without photo or location, in the grid its area names and with the hotline's
 * deadline on the handling clock; the unit's 签收 reaches the hotline through the adapter. A repeated
 * order opens nothing new; an order without the caller's address, or one the item's intake refuses,
 * is answered with a code and leaves no case. SQLite and MariaDB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHotline, type FakeHotline } from '@tongban/adapter-hotline-12345/testing';
import { testDialects } from '../../runtime/src/testing/testDbs.ts';
import { e2eWorld, type E2eWorld } from './testing/e2eWorld.ts';

const secrets = { appKey: 'app-key-e2e-510722', signingSecret: 'hotline-e2e-secret-0123456789' };
const GRID = '/510722/510722100/510722100001/510722100001001';

describe.each(testDialects)('12345 order → grid incident → 签收 back to the hotline on %s', (dialect) => {
  let w: E2eWorld;
  let hotline: FakeHotline;
  beforeAll(async () => {
    hotline = await startFakeHotline(secrets);
    w = await e2eWorld(dialect, ['hotline-12345']);
    const put = await w.api('PUT', '/api/adapters/hotline-12345/config', { user: 'county-admin', body: {
      config: { baseUrl: hotline.url, defaultGridPath: '/510722/510722001/510722001001/510722001001001', areas: [{ gridPath: GRID, match: ['金鱼路'] }],
        classes: [{ category: 'HJWS-01', majorClass: '01', minorClass: '0101' }] },
      secrets } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  }, 60_000);
  afterAll(async () => { await w?.close(); await hotline?.close(); });

  const cases = async () => Number(((await w.db.knex('cases').count({ n: '*' })) as Array<{ n: number }>)[0]!.n);

  it('opens the case, keeps the hotline’s deadline, and reports the sign-for back', async () => {
    const now = Date.now();
    const deadline = new Date(now + 2 * 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
    const order = { gdbh: `12345-E2E-${dialect}`, pdsj: new Date(now - 60_000 + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00', bt: '金鱼路垃圾堆放',
      sqnr: '来电人反映金鱼路12号旁垃圾堆放多日无人清运', sfdz: '金鱼路12号1栋旁', ldrxm: '李秀英', ldhm: '13912345678', blsx: deadline, sqlb: 'HJWS-01' };
    const r = await hotline.dispatch(w.url, order);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const c = await w.db.knex('cases').where({ ref: r.body.caseRef as string }).first('id', 'org_path', 'created_by', 'state');
    expect(c).toMatchObject({ org_path: GRID, created_by: 'external', state: 'reported' });
    const before = await cases();
    // the hotline re-sends the same order (its retry carries a new signature: a byte-identical replay is refused)
    expect((await hotline.dispatch(w.url, { ...order, resend: 1 })).body).toMatchObject({ caseRef: r.body.caseRef, duplicate: true });
    expect(await cases()).toBe(before);

    const complete = async (user: string, outcome: string, extra: Record<string, unknown> = {}) => {
      const task = await w.until(`a task for ${user}`, async () => (await w.api('GET', '/api/tasks?status=open&limit=200', { user })).body.items.find((x: { caseId: string }) => x.caseId === c.id));
      if (!task.assignee) expect((await w.api('POST', `/api/tasks/${task.id}/claim`, { user, body: {} })).status).toBe(200);
      const res = await w.api('POST', `/api/tasks/${task.id}/complete`, { user, body: { outcome, ...extra } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    await complete('grid-leader-510722100001', 'accept');
    await complete('officer-510722100001', 'dispatch', { comment: '派镇执法中队', data: { responsibleUnit: '/510722/510722100/510722100901', dispatchNote: '热线工单' } });
    const snap = JSON.parse(((await w.db.knex('cases').where({ id: c.id }).first('snapshot')) as { snapshot: string }).snapshot) as { context: { clocks: { handling: { dueAt: number } }; data: { handlingLimit: string } } };
    expect(snap.context.data.handlingLimit).toBe('PT4H');
    expect(snap.context.clocks.handling.dueAt).toBe(Date.parse(deadline));
    await complete('unit-510722100901', 'sign', { comment: '已签收' });
    const report = await w.until('the hotline to hear 签收', async () => hotline.reports.find((x) => x.path === '/order/sign' && x.body.gdbh === order.gdbh));
    expect(report).toMatchObject({ signatureOk: true, body: { zt: '20', cbdw: '510722100901', clyj: '已签收' } });
  }, 60_000);

  it('answers an order without the caller’s address, and one the intake refuses, with a code and no case', async () => {
    const before = await cases();
    const base = { gdbh: `12345-BAD-${dialect}`, sqnr: '来电人反映路灯不亮已经一周', sfdz: '金鱼路8号', ldrxm: '王', ldhm: '13912345679' };
    const noAddress = await hotline.dispatch(w.url, { ...base, sfdz: '' });
    expect(noAddress).toMatchObject({ status: 400, body: { code: 'hotline.missing-field', error: { message: { 'zh-CN': expect.stringContaining('sfdz'), en: expect.stringContaining('sfdz') } } } });
    const landline = await hotline.dispatch(w.url, { ...base, ldhm: '0816-2221234' });
    expect(landline).toMatchObject({ status: 422, body: { code: 'trigger.data-invalid' } });
    expect(JSON.stringify(landline.body)).toContain('/data/reporter/phone');
    expect(await cases()).toBe(before);
  }, 60_000);
});
