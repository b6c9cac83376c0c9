import { createServer, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHost, signBody } from '@tongban/plugin-sdk';
import webhook from './index.ts';

const secrets = { signingSecret: 'out-secret-0123456789', inboundSecret: 'in-secret-0123456789' };
let server: Server;
let url = '';
const got: Array<{ headers: Record<string, unknown>; body: string }> = [];
const answers: number[] = [];
beforeAll(async () => {
  server = createServer((req, res) => { let b = ''; req.on('data', (c) => { b += c; }); req.on('end', () => { got.push({ headers: req.headers, body: b }); res.writeHead(answers.shift() ?? 204).end(); }); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
const host = () => createTestHost(webhook, { config: { targets: [{ name: 'county-board', url }] }, secrets, now: Date.now() });

describe('webhook', () => {
  it('posts signed events the receiver can verify; 5xx retryable, 4xx and unknown targets permanent', async () => {
    const h = await host();
    expect(await h.invoke('post', { target: 'county-board', event: 'case.closed', payload: { ref: 'TB1' } }, { idempotencyKey: 'c1:r1', caseId: 'c1' })).toMatchObject({ ok: true, output: { status: 204 } });
    const { headers, body } = got.at(-1)!;
    const [, ts, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(headers['x-tongban-signature']))!;
    expect(createHmac('sha256', secrets.signingSecret).update(`${ts}.${body}`).digest('hex')).toBe(v1);
    expect(JSON.parse(body)).toMatchObject({ id: 'c1:r1', event: 'case.closed', caseId: 'c1', payload: { ref: 'TB1' } });
    answers.push(502, 410);
    expect(await h.invoke('post', { target: 'county-board', event: 'x' })).toMatchObject({ ok: false, error: { retryable: true } });
    expect(await h.invoke('post', { target: 'county-board', event: 'x' })).toMatchObject({ ok: false, error: { retryable: false } });
    expect(await h.invoke('post', { target: 'nowhere', event: 'x' })).toMatchObject({ ok: false, error: { code: 'webhook.unknown-target' } });
  });

  it('accepts a signed inbound event once; a replay, a stale or wrong signature, junk and bad ids are refused', async () => {
    const h = await host();
    const body = JSON.stringify({ id: 'ext-1', caseId: 'case-3', event: 'citizen.replied', data: {} });
    const sig = signBody(secrets.inboundSecret, body, h.clock.now());
    expect(await h.request('POST', '/in', { body, headers: { 'x-tongban-signature': sig } })).toMatchObject({ status: 202, body: { status: 'advanced' } });
    expect(await h.request('POST', '/in', { body, headers: { 'x-tongban-signature': sig } })).toMatchObject({ status: 401, body: { error: { code: 'signature.replayed' } } });
    expect((await h.request('POST', '/in', { body, headers: { 'x-tongban-signature': signBody(secrets.inboundSecret, body, h.clock.now() - 3_600_000) } })).body).toMatchObject({ error: { code: 'signature.expired' } });
    expect((await h.request('POST', '/in', { body, headers: { 'x-tongban-signature': signBody('wrong-secret-0000000', body, h.clock.now()) } })).status).toBe(401);
    const junk = '{';
    expect((await h.request('POST', '/in', { body: junk, headers: { 'x-tongban-signature': signBody(secrets.inboundSecret, junk, h.clock.now()) } })).status).toBe(400);
    const badId = JSON.stringify({ id: 'bad id!', caseId: 'c', event: 'e' });
    expect(await h.request('POST', '/in', { body: badId, headers: { 'x-tongban-signature': signBody(secrets.inboundSecret, badId, h.clock.now()) } })).toMatchObject({ status: 400, body: { error: { code: 'trigger.invalid-payload' } } });
    expect(h.emitted).toHaveLength(1);
  });
});
