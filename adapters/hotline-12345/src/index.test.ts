import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHost, signBody, type EmitResult, type TriggerEvent } from '@tongban/plugin-sdk';
import hotline from './index.ts';
import { startFakeHotline, type FakeHotline } from './testing/fakeHotline.ts';

const secrets = { appKey: 'app-key-510722', signingSecret: 'hotline-secret-0123456789' };
const GRID = '/510722/510722100/510722100001/510722100001001';
const DEFAULT_GRID = '/510722/510722001/510722001001/510722001001001';
let fake: FakeHotline;
beforeAll(async () => { fake = await startFakeHotline(secrets); });
afterAll(() => fake.close());

const config = (extra: Record<string, unknown> = {}) => ({
  baseUrl: fake.url, defaultGridPath: DEFAULT_GRID,
  areas: [{ gridPath: GRID, code: '510722100001001', match: ['金鱼路'] }],
  classes: [{ category: 'HJWS-01', majorClass: '01', minorClass: '0101' }, { category: 'LLJF', majorClass: '05', minorClass: '0501', isDispute: true }], ...extra,
});
const host = (extra: Record<string, unknown> = {}, onEmit?: (trigger: string, e: TriggerEvent) => EmitResult) =>
  createTestHost(hotline, { config: config(extra), secrets, now: Date.parse('2025-03-04T09:00:00+08:00'), ...(onEmit ? { onEmit } : {}) });
const order = (over: Record<string, unknown> = {}) => ({
  gdbh: '12345-20250304-0107', pdsj: '2025-03-04 08:55:00', bt: '金鱼路垃圾堆放', sqnr: '来电人反映金鱼路12号旁垃圾堆放多日无人清运',
  sfdz: '金鱼路12号1栋旁', ldrxm: '李秀英', ldhm: '13912345678', blsx: '2025-03-04 17:30:00', sqlb: 'HJWS-01', jjcd: '0', ...over,
});
const signed = (h: Awaited<ReturnType<typeof host>>, body: object) => {
  const raw = JSON.stringify(body);
  return h.request('POST', '/orders', { body: raw, headers: { 'content-type': 'application/json', 'x-signature': signBody(secrets.signingSecret, raw, h.clock.now()) } });
};

describe('hotline-12345: 派单 in', () => {
  it('opens a grid incident in the grid its area names, with the caller’s address, the order number and the hotline’s deadline', async () => {
    const h = await host();
    const r = await signed(h, order());
    expect(r).toMatchObject({ status: 200, body: { code: '0', caseRef: 'TB-TEST-1', duplicate: false } });
    const ev = h.emitted[0]!.event;
    expect(ev).toMatchObject({ eventId: `12345-12345-20250304-0107-${Date.parse('2025-03-04T08:55:00+08:00')}`, source: 'external', start: { orgPath: GRID, definition: 'grid-incident' } });
    expect(ev.data).toEqual({
      sourceChannel: 'hotline-12345', externalRef: '12345-20250304-0107', urgency: 'general', majorClass: '01', minorClass: '0101', isDispute: false,
      title: '金鱼路垃圾堆放', description: '来电人反映金鱼路12号旁垃圾堆放多日无人清运', discoveredAt: '2025-03-04T08:55:00+08:00',
      gridCode: '510722100001001', address: '金鱼路12号1栋旁', reporter: { name: '李秀英', phone: '13912345678' }, hotlineDeadline: '2025-03-04T17:30:00+08:00',
    });
    h.assertNothingPersonalLogged(['李秀英', '金鱼路12号1栋旁']);
  });

  it('answers a re-sent order with the case already opened, and opens a new case when the hotline dispatches again after a return', async () => {
    const seen = new Map<string, string>();
    const h = await host({}, (_t, e) => {
      const dup = seen.get(e.eventId);
      if (dup) return { status: 'duplicate', caseId: dup, caseRef: dup };
      seen.set(e.eventId, `c-${seen.size + 1}`);
      return { status: 'created', caseId: `c-${seen.size}`, caseRef: `c-${seen.size}` };
    });
    expect((await signed(h, order())).body).toMatchObject({ caseRef: 'c-1', duplicate: false });
    h.clock.advance(1000);
    expect((await signed(h, order())).body).toMatchObject({ caseRef: 'c-1', duplicate: true });
    h.clock.advance(1000);
    expect((await signed(h, order({ pdsj: '2025-03-05 10:00:00' }))).body).toMatchObject({ caseRef: 'c-2' });
  });

  it('maps urgency, dispute categories, coordinates and unknown areas and categories by the county’s settings', async () => {
    const h = await host({ datum: 'WGS84' });
    await signed(h, order({ sqlb: 'LLJF', jjcd: '1', sfdz: '幸福村3组', wd: '30.9', jd: '105.4', gdbh: 'X-2' }));
    expect(h.emitted[0]!.event.start!.orgPath).toBe(DEFAULT_GRID);
    expect(h.emitted[0]!.event.data).toMatchObject({ urgency: 'urgent', majorClass: '05', minorClass: '0501', isDispute: true, gridCode: '510722001001001', location: { lat: 30.9, lng: 105.4, datum: 'WGS84' } });
    await signed(h, order({ sqlb: 'NEW', gdbh: 'X-3' }));
    expect(h.emitted[1]!.event.data).toMatchObject({ majorClass: '99', minorClass: '9999' });
  });

  it('reads another county’s field names from its settings', async () => {
    const h = await host({ inbound: { orderNo: 'orderId', content: 'appeal', address: 'eventAddress', callerPhone: 'mobile', callerName: 'name', dispatchedAt: 'sendTime', deadline: 'limitTime' } });
    const r = await signed(h, { orderId: 'BJ-9', appeal: '路灯不亮已经一周了，夜间行走不安全', eventAddress: '金鱼路8号', mobile: '13912345679', name: '王', sendTime: '2025-03-04T09:00:00+08:00', limitTime: '2025-03-05T09:00:00+08:00' });
    expect(r.status).toBe(200);
    expect(h.emitted[0]!.event.data).toMatchObject({ externalRef: 'BJ-9', address: '金鱼路8号', hotlineDeadline: '2025-03-05T09:00:00+08:00', reporter: { name: '王', phone: '13912345679' } });
  });

  it('refuses an order with no address, a bad deadline, a bad signature or a body that is not an object, coded in zh-CN and English', async () => {
    const h = await host();
    const noAddress = await signed(h, order({ sfdz: '' }));
    expect(noAddress).toMatchObject({ status: 400, body: { code: 'hotline.missing-field', error: { details: { fields: ['sfdz'] } } } });
    expect((noAddress.body as { error: { message: { 'zh-CN': string; en: string } } }).error.message).toEqual({
      'zh-CN': '派单缺少必填字段：sfdz（12345 工单须有工单编号、诉求内容和来电人反映的地址）', en: 'The order lacks: sfdz (a 12345 order needs its number, the request and the caller\'s address)' });
    expect(await signed(h, order({ blsx: '下周' }))).toMatchObject({ status: 400, body: { code: 'hotline.bad-time' } });
    expect(await signed(h, [order()])).toMatchObject({ status: 400, body: { code: 'hotline.malformed' } });
    const raw = JSON.stringify(order());
    expect(await h.request('POST', '/orders', { body: raw, headers: { 'x-signature': signBody('wrong-secret-0000000000', raw, h.clock.now()) } })).toMatchObject({ status: 401, body: { code: 'signature.mismatch' } });
    expect(h.emitted).toHaveLength(0);
  });

  it('passes on the case service’s refusal (an intake the item refuses) as 422 with its diagnostics', async () => {
    const h = await host({}, () => ({ status: 'rejected', reason: { code: 'trigger.data-invalid', message: 'x', details: [{ code: 'forms.cn-mobile', path: '/data/reporter/phone' }] } as EmitResult['reason'] }));
    expect(await signed(h, order({ ldhm: '0816-2221234' }))).toMatchObject({ status: 422, body: { code: 'trigger.data-invalid', error: { details: [{ code: 'forms.cn-mobile', path: '/data/reporter/phone' }] } } });
  });
});

describe('hotline-12345: 签收 / 退单 / 延期 / 办结 out', () => {
  it('posts each status to the county’s endpoint in its field names, signed, once per idempotency key', async () => {
    const h = await host();
    const from = fake.reports.length;
    expect(await h.invoke('sign', { externalRef: '12345-1', unit: '/510722/510722100/510722100901', note: '已签收' }, { idempotencyKey: 'c1:r1' })).toMatchObject({ ok: true, output: { accepted: true, status: 'sign' } });
    expect(await h.invoke('sign', { externalRef: '12345-1', unit: '/510722/510722100/510722100901', note: '已签收' }, { idempotencyKey: 'c1:r1', attempt: 2 })).toMatchObject({ ok: true });
    await h.invoke('return', { externalRef: '12345-1', reason: 'false', note: '诉求不属实' }, { idempotencyKey: 'c1:r2' });
    await h.invoke('extend', { externalRef: '12345-1', extension: 'P3D', reason: '需产权单位答复', dueAt: Date.parse('2025-03-07T17:30:00+08:00') }, { idempotencyKey: 'c1:r3' });
    await h.invoke('close', { externalRef: '12345-1', result: '已清运垃圾并消杀', closeReason: 'resolved' }, { idempotencyKey: 'c1:r4' });
    const got = fake.reports.slice(from);
    expect(got.map((r) => [r.path, r.signatureOk])).toEqual([['/order/sign', true], ['/order/return', true], ['/order/delay', true], ['/order/finish', true]]);
    expect(got[0]!.body).toEqual({ gdbh: '12345-1', zt: '20', czsj: '2025-03-04T09:00:00+08:00', cbdw: '510722100901', clyj: '已签收' });
    expect(got[1]!.body).toMatchObject({ zt: '30', thly: 'false', clyj: '诉求不属实' });
    expect(got[2]!.body).toMatchObject({ zt: '40', yqsc: 'P3D', yqjzsj: '2025-03-07T17:30:00+08:00' });
    expect(got[3]!.body).toMatchObject({ zt: '50', bljg: '已清运垃圾并消杀', bjlx: 'resolved' });
    h.assertNothingPersonalLogged();
  });

  it('uses another county’s endpoints, field names and status codes from its settings', async () => {
    const h = await host({ endpoints: { close: '/api/v2/finish' }, outbound: { orderNo: 'orderId', result: 'handleResult' }, statusCodes: { close: 'FINISHED' } });
    await h.invoke('close', { externalRef: 'BJ-9', result: '已修复路灯' }, { idempotencyKey: 'c2:r1' });
    expect(fake.reports.at(-1)).toMatchObject({ path: '/api/v2/finish', body: { orderId: 'BJ-9', zt: 'FINISHED', handleResult: '已修复路灯' } });
  });

  it('retries a busy platform and an unreadable answer, never a refusal or a 4xx', async () => {
    const h = await host({ timeoutMs: 1000 });
    fake.script.push(503, 'garbage', { code: 'E1024', message: '工单已办结' });
    expect(await h.invoke('sign', { externalRef: 'Z-1' })).toMatchObject({ ok: false, error: { code: 'http.server-error', retryable: true } });
    expect(await h.invoke('sign', { externalRef: 'Z-1' })).toMatchObject({ ok: false, error: { code: 'hotline.bad-answer', retryable: true } });
    expect(await h.invoke('close', { externalRef: 'Z-1' })).toMatchObject({ ok: false, error: { code: 'hotline.refused', retryable: false } });
    const wrongKey = await createTestHost(hotline, { config: config(), secrets: { ...secrets, appKey: 'other-key-000' } });
    expect(await wrongKey.invoke('sign', { externalRef: 'Z-1' })).toMatchObject({ ok: false, error: { code: 'http.rejected', retryable: false } });
    expect(await h.invoke('sign', { externalRef: '' })).toMatchObject({ ok: false, error: { code: 'plugin.invalid-input', retryable: false } });
  });
});
