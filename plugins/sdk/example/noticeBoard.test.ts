import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHost } from '@tongban/plugin-sdk';
import noticeBoard from './noticeBoard.ts';

const key = 'k'.repeat(16) + '-secret';
let server: Server;
let baseUrl = '';
let answers: number[] = [];
const seen: Array<{ key: string | undefined; body: string }> = [];

beforeAll(async () => {
  // the notice board stands in as a local HTTP server: the network boundary
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      seen.push({ key: req.headers['idempotency-key'] as string | undefined, body });
      const status = answers.shift() ?? 201;
      res.writeHead(status, { 'content-type': 'application/json' }).end(status < 300 ? JSON.stringify({ id: 'n-1' }) : '{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('notice-board (the SDK README plugin)', () => {
  it('migrates version-1 settings, posts a signed notice and logs no phone number', async () => {
    const host = await createTestHost(noticeBoard, { configVersion: 1, config: { baseUrl, screen: 'b-7', key } });
    expect(host.migratedFrom).toEqual([1]);
    expect(host.settings.config).toEqual({ baseUrl, boardId: 'b-7' });
    const r = await host.invoke('post', { title: '停水通知', text: '明日停水', phone: '13812345678', caseId: 'c-1' }, { idempotencyKey: 'case-1:r1' });
    expect(r).toMatchObject({ ok: true, output: { noticeId: 'n-1' } });
    expect(host.http).toHaveLength(1);
    const sent = host.http[0]!;
    expect(sent.headers['idempotency-key']).toBe('case-1:r1');
    expect(sent.headers['x-signature']).toBe(createHmac('sha256', key).update(sent.body!).digest('hex'));
    expect(host.logs.some((l) => l.msg === 'notice posted')).toBe(true);
    host.assertNothingPersonalLogged();
  });

  it('a 503 is retryable, a 400 permanent, a bad input never reaches the board', async () => {
    const host = await createTestHost(noticeBoard, { config: { baseUrl, boardId: 'b-7' }, secrets: { signingKey: key } });
    answers = [503, 400];
    expect(await host.invoke('post', { title: 't', text: 'x', caseId: 'c' })).toMatchObject({ ok: false, error: { code: 'http.server-error', retryable: true } });
    expect(await host.invoke('post', { title: 't', text: 'x', caseId: 'c' })).toMatchObject({ ok: false, error: { code: 'http.rejected', retryable: false } });
    const before = host.http.length;
    const bad = await host.invoke('post', { title: 't'.repeat(41), text: 'x', caseId: 'c' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'plugin.invalid-input', retryable: false, details: { problems: [{ path: '/title' }] } } });
    expect(host.http.length).toBe(before);
  });

  it('a signed reply advances the case; a bad signature or unknown notice does not', async () => {
    const host = await createTestHost(noticeBoard, { config: { baseUrl, boardId: 'b-7' }, secrets: { signingKey: key } });
    await host.store.put('notice:n-1', { caseId: 'case-9' });
    const body = JSON.stringify({ replyId: 'rep-1', noticeId: 'n-1', text: '已收到' });
    const sig = createHmac('sha256', key).update(body).digest('hex');
    expect((await host.request('POST', '/replies', { body, headers: { 'X-Signature': sig } })).status).toBe(202);
    expect((await host.request('POST', '/replies', { body, headers: { 'X-Signature': sig } })).body).toEqual({ status: 'duplicate' });
    expect((await host.request('POST', '/replies', { body, headers: { 'X-Signature': 'nope' } })).status).toBe(401);
    expect(host.emitted.map((e) => [e.event.advance, e.result.status])).toEqual([[{ caseId: 'case-9', event: 'resident.replied' }, 'advanced'], [{ caseId: 'case-9', event: 'resident.replied' }, 'duplicate']]);
  });
});
