import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHost } from '@tongban/plugin-sdk';
import wechat from './index.ts';

// A stand-in for api.weixin.qq.com on a local port.
let server: Server;
let base = '';
let tokens = 0;
const sendAnswers: Array<Record<string, unknown>> = [];
const sent: Array<Record<string, any>> = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let b = '';
    req.on('data', (c) => { b += c; });
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      if (url.pathname === '/cgi-bin/token') {
        if (url.searchParams.get('secret') !== 'app-secret-0123456789') return res.end(JSON.stringify({ errcode: 40125, errmsg: 'invalid appsecret' }));
        return res.end(JSON.stringify({ access_token: `tok-${++tokens}`, expires_in: 7200 }));
      }
      sent.push({ token: url.searchParams.get('access_token'), ...JSON.parse(b) });
      res.end(JSON.stringify(sendAnswers.shift() ?? { errcode: 0, msgid: 200228332 }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
const host = (secret = 'app-secret-0123456789') => createTestHost(wechat, { config: { apiBaseUrl: base, appId: 'wx0123456789abcdef', templates: { default: 'TPL-1' } }, secrets: { appSecret: secret, pushToken: 'push-token' }, now: Date.now() });
const input = { openId: 'oAbCdEfGhIjKlMnOp12345', templateId: 'dispatched', data: { first: '案件TB1已派遣' } };

describe('wechat-template', () => {
  it('caches the access token, refreshes it once when WeChat says it expired, and classes errors', async () => {
    const h = await host();
    expect(await h.invoke('send', input)).toMatchObject({ ok: true, output: { msgid: '200228332' } });
    expect(await h.invoke('send', input)).toMatchObject({ ok: true });
    expect(tokens).toBe(1);
    sendAnswers.push({ errcode: 40001, errmsg: 'invalid credential' });
    expect(await h.invoke('send', input)).toMatchObject({ ok: true });
    expect(tokens).toBe(2);
    expect(sent.at(-1)).toMatchObject({ token: 'tok-2', touser: input.openId, template_id: 'TPL-1', data: { first: { value: '案件TB1已派遣' } } });
    sendAnswers.push({ errcode: 43004, errmsg: 'require subscribe' }, { errcode: 45009, errmsg: 'reach max api daily quota limit' });
    expect(await h.invoke('send', input)).toMatchObject({ ok: false, error: { code: 'wechat.rejected', retryable: false } });
    expect(await h.invoke('send', input)).toMatchObject({ ok: false, error: { code: 'wechat.error', retryable: true } });
    expect(await (await host('wrong-secret-000000000')).invoke('send', input)).toMatchObject({ ok: false, error: { code: 'wechat.bad-credentials', retryable: false } });
    h.assertNothingPersonalLogged();
  });

  it('checks event-push signatures, time and nonce replays', async () => {
    const h = await host();
    const timestamp = String(Math.floor(h.clock.now() / 1000));
    const sig = (ts: string, nonce: string) => createHash('sha1').update(['push-token', ts, nonce].sort().join('')).digest('hex');
    const xml = '<xml><Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event><MsgID>200228332</MsgID><Status><![CDATA[success]]></Status></xml>';
    const push = (query: Record<string, string>) => h.request('POST', '/events', { query, body: xml });
    expect((await push({ signature: sig(timestamp, 'n1'), timestamp, nonce: 'n1' })).status).toBe(200);
    expect(await h.store.get('status:200228332')).toMatchObject({ status: 'success' });
    expect((await push({ signature: sig(timestamp, 'n1'), timestamp, nonce: 'n1' })).status).toBe(401);
    expect((await push({ signature: 'x', timestamp, nonce: 'n2' })).status).toBe(401);
    const old = String(Number(timestamp) - 3600);
    expect((await push({ signature: sig(old, 'n3'), timestamp: old, nonce: 'n3' })).status).toBe(401);
  });
});
