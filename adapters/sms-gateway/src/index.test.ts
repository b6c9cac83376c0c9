import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHost, signBody } from '@tongban/plugin-sdk';
import smsGateway from './index.ts';
import { startFakeCarrier, type FakeCarrier } from './testing/fakeCarrier.ts';

const secrets = { accessKey: 'ak-12345678', signingSecret: 'sign-secret-0123456789' };
let carrier: FakeCarrier;
beforeAll(async () => { carrier = await startFakeCarrier({ accessKey: secrets.accessKey }); });
afterAll(() => carrier.close());
const host = (extra: Record<string, unknown> = {}) => createTestHost(smsGateway, { config: { baseUrl: carrier.url, signName: '涪江县民政', ...extra }, secrets, now: Date.now() });

describe('sms-gateway against a local carrier stand-in', () => {
  it('sends a signed text with the idempotency key as OutId; a retry of the same call is sent once; nothing personal logged', async () => {
    const h = await host();
    const input = { to: '13912345678', templateId: 'alarm_family', params: { text: '您的家人触发了紧急呼叫' }, caseId: 'case-1' };
    const a = await h.invoke('send', input, { idempotencyKey: 'case-1:r2' });
    const b = await h.invoke('send', input, { idempotencyKey: 'case-1:r2', attempt: 2 });
    expect(a).toMatchObject({ ok: true, output: { messageId: 'biz-1' } });
    expect(b).toMatchObject({ ok: true, output: { messageId: 'biz-1' } });
    expect(carrier.messages.filter((m) => m.outId === 'case-1:r2')).toHaveLength(1);
    expect(carrier.messages[0]).toMatchObject({ to: '13912345678', template: 'alarm_family', params: { text: '您的家人触发了紧急呼叫' } });
    expect(h.http[0]!.headers['x-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    h.assertNothingPersonalLogged();
  });

  it('a 500 and a carrier that never answers are retryable, garbage too; a bad number never reaches the carrier', async () => {
    const h = await host({ timeoutMs: 500 });
    carrier.script.push(500, 'hang', 'garbage');
    const input = { to: '13912345670', templateId: 't1' };
    expect(await h.invoke('send', input)).toMatchObject({ ok: false, error: { code: 'http.server-error', retryable: true } });
    expect(await h.invoke('send', input)).toMatchObject({ ok: false, error: { retryable: true } });
    expect(await h.invoke('send', input)).toMatchObject({ ok: false, error: { code: 'sms.bad-answer', retryable: true } });
    const before = carrier.requests;
    expect(await h.invoke('send', { to: '12345', templateId: 't1' })).toMatchObject({ ok: false, error: { code: 'plugin.invalid-input', retryable: false } });
    expect(carrier.requests).toBe(before);
  });

  it('a wrong access key is a 4xx: permanent', async () => {
    const h = await createTestHost(smsGateway, { config: { baseUrl: carrier.url, signName: '涪江县民政' }, secrets: { ...secrets, accessKey: 'wrong-key-1' } });
    expect(await h.invoke('send', { to: '13912345671', templateId: 't1' })).toMatchObject({ ok: false, error: { code: 'http.rejected', retryable: false } });
  });

  it('takes the template variables definitions pass beside the template', async () => {
    const h = await host();
    expect(await h.invoke('send', { to: '13912345672', templateId: 'service_scheduled', caseId: 'case-3', scheduledAt: '2025-03-05T09:00:00+08:00' }, { idempotencyKey: 'case-3:r4' })).toMatchObject({ ok: true });
    expect(carrier.messages.find((m) => m.outId === 'case-3:r4')!.params).toEqual({ scheduledAt: '2025-03-05T09:00:00+08:00', caseId: 'case-3' });
    expect(await h.invoke('send', { to: '13912345672', templateId: 't', nested: { no: 1 } })).toMatchObject({ ok: false, error: { code: 'plugin.invalid-input' } });
  });

  it('caps texts per number per hour', async () => {
    const h = await host({ perNumberPerHour: 2 });
    const send = (k: string) => h.invoke('send', { to: '13700000000', templateId: 't1' }, { idempotencyKey: k });
    expect((await send('k1')).ok).toBe(true);
    expect((await send('k2')).ok).toBe(true);
    expect(await send('k3')).toMatchObject({ ok: false, error: { code: 'sms.per-number-limit', retryable: true } });
  });

  it('signed receipts advance the case once; bad or replayed signatures are refused', async () => {
    const h = await host();
    await h.store.put('msg:biz-9', { caseId: 'case-9' });
    const body = JSON.stringify([{ BizId: 'biz-9', Status: 'DELIVERED' }]);
    const sig = signBody(secrets.signingSecret, body, h.clock.now());
    expect(await h.request('POST', '/receipts', { body, headers: { 'x-signature': sig } })).toMatchObject({ status: 200, body: { results: ['advanced'] } });
    expect(await h.request('POST', '/receipts', { body, headers: { 'x-signature': sig } })).toMatchObject({ status: 401, body: { error: { code: 'signature.replayed' } } });
    expect(await h.request('POST', '/receipts', { body, headers: { 'x-signature': signBody('wrong-secret-0000000', body, h.clock.now()) } })).toMatchObject({ status: 401 });
    const junk = '{not json';
    expect((await h.request('POST', '/receipts', { body: junk, headers: { 'x-signature': signBody(secrets.signingSecret, junk, h.clock.now()) } })).status).toBe(400);
    expect(h.emitted.map((e) => e.event.advance)).toEqual([{ caseId: 'case-9', event: 'sms.delivered' }]);
  });
});
