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

  it('a text that takes replies carries a reply code (extension and words); a reply reaches its case by that code, from that number only', async () => {
    const h = await host();
    const input = { to: '13912340001', templateId: 'alarm_family', params: { text: '您的家人触发了紧急呼叫，请回复“1”前往' }, caseId: 'case-7', replies: { '1': 'family_accepted', '2': 'family_declined' }, replyWithinMinutes: 30 };
    expect(await h.invoke('send', input, { idempotencyKey: 'notify:case-7:a' })).toMatchObject({ ok: true });
    expect(await h.invoke('send', input, { idempotencyKey: 'notify:case-7:a', attempt: 2 })).toMatchObject({ ok: true });
    const sent = carrier.messages.find((m) => m.outId === 'notify:case-7:a')!;
    const code = sent.extendCode!;
    expect(code).toMatch(/^\d{6}$/);
    expect(sent.params).toMatchObject({ replyCode: code, caseId: 'case-7', text: `您的家人触发了紧急呼叫，请回复“1”前往（回复编号${code}）` });
    // a second text to another contact gets its own code
    expect(await h.invoke('send', { ...input, to: '13912340002' }, { idempotencyKey: 'notify:case-7:b' })).toMatchObject({ ok: true });
    const other = carrier.messages.find((m) => m.outId === 'notify:case-7:b')!.extendCode!;
    expect(other).not.toBe(code);
    const post = async (r: Record<string, unknown>) => {
      const body = JSON.stringify([r]);
      return h.request('POST', '/replies', { body, headers: { 'x-signature': signBody(secrets.signingSecret, body, h.clock.now()) } });
    };
    // by the extension; then a full-width "２" typed with the code in the words
    expect(await post({ PhoneNumber: '13912340001', Content: '1', DestCode: code, SequenceId: 's-1' })).toMatchObject({ status: 200, body: { results: ['advanced'] } });
    expect(await post({ PhoneNumber: '+8613912340002', Content: `２ ${other}`, SequenceId: 's-2' })).toMatchObject({ status: 200, body: { results: ['advanced'] } });
    expect(h.emitted.map((e) => [e.trigger, e.event.eventId, e.event.source, e.event.advance])).toEqual([
      ['reply', 'reply-s-1', 'external', { caseId: 'case-7', event: 'family_accepted', comment: '短信回复“1”' }],
      ['reply', 'reply-s-2', 'external', { caseId: 'case-7', event: 'family_declined', comment: '短信回复“2”' }],
    ]);
    // the phone alone is not enough; another sender's reply with a real code, and an unknown code, are ignored (no text back)
    const texts = carrier.messages.length;
    expect((await post({ PhoneNumber: '13912340001', Content: '1', SequenceId: 's-3' })).body).toEqual({ results: ['sms.reply-no-code'] });
    expect((await post({ PhoneNumber: '13700000009', Content: '1', DestCode: code, SequenceId: 's-4' })).body).toEqual({ results: ['sms.reply-wrong-sender'] });
    expect((await post({ PhoneNumber: '13912340001', Content: '1', DestCode: code === '999999' ? '999998' : '999999', SequenceId: 's-5' })).body).toEqual({ results: ['sms.reply-unknown-code'] });
    expect(carrier.messages.length).toBe(texts);
    // an unknown word is answered with what to reply
    expect((await post({ PhoneNumber: '13912340001', Content: '好的马上到', DestCode: code, SequenceId: 's-6' })).body).toEqual({ results: ['sms.reply-unrecognised'] });
    expect(carrier.messages.at(-1)).toMatchObject({ to: '13912340001', template: 'reply_answer', outId: 'reply-answer:s-6', params: { text: '【提醒】未能识别您的回复，请回复：“1”或“2”。' } });
    // after the window: answered, never sent to the case
    h.clock.set(h.clock.now() + 31 * 60_000);
    expect((await post({ PhoneNumber: '13912340001', Content: '1', DestCode: code, SequenceId: 's-7' })).body).toEqual({ results: ['sms.reply-expired'] });
    expect(carrier.messages.at(-1)).toMatchObject({ to: '13912340001', outId: 'reply-answer:s-7' });
    expect(h.emitted).toHaveLength(2);
    // unsigned: refused
    expect((await h.request('POST', '/replies', { body: '[]', headers: {} })).status).toBe(401);
    h.assertNothingPersonalLogged(['13912340001', '13912340002', '好的马上到']);
  });

  it('a reply the case refuses (someone else accepted first) is answered that it is taken', async () => {
    const h = await createTestHost(smsGateway, { config: { baseUrl: carrier.url, signName: '涪江县民政' }, secrets, now: Date.now(),
      onEmit: () => ({ status: 'rejected', reason: { code: 'trigger.event-refused', message: 'x' } }) });
    await h.invoke('send', { to: '13912340003', templateId: 'alarm_family', params: { text: '请回复1' }, caseId: 'case-8', replies: { '1': 'family_accepted' } }, { idempotencyKey: 'notify:case-8:a' });
    const code = carrier.messages.find((m) => m.outId === 'notify:case-8:a')!.extendCode!;
    const body = JSON.stringify([{ PhoneNumber: '13912340003', Content: '1', DestCode: code, SequenceId: 's-9' }]);
    expect((await h.request('POST', '/replies', { body, headers: { 'x-signature': signBody(secrets.signingSecret, body, h.clock.now()) } })).body).toEqual({ results: ['sms.reply-too-late'] });
    expect(carrier.messages.at(-1)).toMatchObject({ to: '13912340003', template: 'reply_answer', params: { text: '【提醒】该求助已有人接单或已处理，谢谢您的关心。' } });
  });

  it('a text to a registered user (a volunteer’s shift reminder) brings the user back as the replier; late and refused replies are answered for a volunteer', async () => {
    let refuse = false;
    const h = await createTestHost(smsGateway, { config: { baseUrl: carrier.url, signName: '涪江县民政' }, secrets, now: Date.now(),
      onEmit: () => (refuse ? { status: 'rejected', reason: { code: 'trigger.event-refused', message: 'volunteer.not-on-roster' } } : { status: 'advanced', caseId: 'case-9', caseRef: 'V-1' }) });
    const replies = { '1': 'shift_confirmed', '2': 'shift_leave' };
    await h.invoke('send', { to: '13912340005', templateId: 'shift_reminder', params: { text: '班次将于2小时后开始。回复1确认参加，回复2请假。' }, caseId: 'case-9', replies, replyWithinMinutes: 120, replier: 'u-volunteer-1' }, { idempotencyKey: 'notify:case-9:a' });
    const code = carrier.messages.find((m) => m.outId === 'notify:case-9:a')!.extendCode!;
    const post = async (r: Record<string, unknown>) => {
      const body = JSON.stringify([r]);
      return (await h.request('POST', '/replies', { body, headers: { 'x-signature': signBody(secrets.signingSecret, body, h.clock.now()) } })).body;
    };
    expect(await post({ PhoneNumber: '13912340005', Content: '2', DestCode: code, SequenceId: 's-20' })).toEqual({ results: ['advanced'] });
    expect(h.emitted.at(-1)!.event).toMatchObject({ eventId: 'reply-s-20', source: 'external', data: { replier: 'u-volunteer-1' }, advance: { caseId: 'case-9', event: 'shift_leave' } });
    // off the roster already: the case refuses, the volunteer is told in a volunteer's words
    refuse = true;
    expect(await post({ PhoneNumber: '13912340005', Content: '1', DestCode: code, SequenceId: 's-21' })).toEqual({ results: ['sms.reply-too-late'] });
    expect(carrier.messages.at(-1)).toMatchObject({ to: '13912340005', outId: 'reply-answer:s-21', params: { text: expect.stringContaining('您已不在名单中') } });
    // after the shift has started (the window is 2 hours): answered, never sent to the case
    h.clock.set(h.clock.now() + 121 * 60_000);
    const emitted = h.emitted.length;
    expect(await post({ PhoneNumber: '13912340005', Content: '1', DestCode: code, SequenceId: 's-22' })).toEqual({ results: ['sms.reply-expired'] });
    expect(carrier.messages.at(-1)).toMatchObject({ outId: 'reply-answer:s-22', params: { text: expect.stringContaining('联系组织者') } });
    expect(h.emitted).toHaveLength(emitted);
    // a replier needs replies
    expect(await h.invoke('send', { to: '13912340005', templateId: 't', caseId: 'case-9', replier: 'u-volunteer-1' })).toMatchObject({ ok: false, error: { code: 'plugin.invalid-input' } });
    h.assertNothingPersonalLogged(['13912340005']);
  });

  it('replies without a case are refused as input', async () => {
    const h = await host();
    expect(await h.invoke('send', { to: '13912340004', templateId: 't', replies: { '1': 'family_accepted' } })).toMatchObject({ ok: false, error: { code: 'plugin.invalid-input', retryable: false } });
  });
});
