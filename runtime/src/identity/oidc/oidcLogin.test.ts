/**
 * OIDC sign-in against a real provider (`oidc-provider`, started here on a free port with its
 * development login and consent pages): the browser's redirects are followed by hand with a cookie
 * jar, the provider's answer is posted to the callback as the workbench's /login/oidc page does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import { createTestRuntime, type TestRuntime } from '../../testing/testRuntime.ts';
import { freePort } from '../../testing/spawnTongban.ts';

const REDIRECT = 'http://127.0.0.1:3101/login/oidc';

/** Follows the provider's pages as a browser would, signing in as `subject`; returns the query the provider sends back to REDIRECT. */
async function signInAtProvider(authUrl: string, subject: string): Promise<string> {
  const jar = new Map<string, string>();
  const remember = (res: Response) => { for (const c of res.headers.getSetCookie()) { const [kv] = c.split(';'); const [k, ...v] = kv!.split('='); jar.set(k!.trim(), v.join('=')); } };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = authUrl;
  for (let hop = 0; hop < 20; hop++) {
    if (url.startsWith(REDIRECT)) return new URL(url).search;
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: cookie() } });
    remember(res);
    if (res.status >= 300 && res.status < 400) { url = new URL(res.headers.get('location')!, url).href; continue; }
    const html = await res.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1] ?? (html.includes('name="login"') ? 'login' : 'consent');
    const action = new URL(/action="([^"]+)"/.exec(html)![1]!, url).href;
    const form = new URLSearchParams(prompt === 'login' ? { prompt, login: subject, password: 'x' } : { prompt });
    const post = await fetch(action, { method: 'POST', redirect: 'manual', headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    remember(post);
    url = new URL(post.headers.get('location')!, action).href;
  }
  throw new Error('the provider did not send the browser back');
}

describe('OIDC sign-in against oidc-provider', () => {
  let server: Server;
  let t: TestRuntime;
  beforeAll(async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const provider = new Provider(issuer, {
      clients: [{ client_id: 'tongban', client_secret: 'county-secret', redirect_uris: [REDIRECT], grant_types: ['authorization_code'], response_types: ['code'] }],
      findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
      features: { devInteractions: { enabled: true } },
    });
    server = provider.listen(port);
    t = await createTestRuntime('sqlite', { env: { TONGBAN_OIDC_ISSUER: issuer, TONGBAN_OIDC_CLIENT_ID: 'tongban', TONGBAN_OIDC_CLIENT_SECRET: 'county-secret', TONGBAN_OIDC_REDIRECT_URI: REDIRECT, TONGBAN_OIDC_PROVIDER: 'county-idp' } });
    await t.rt.identity.linkIdentity('county-idp', 'idp-zhang', 'u-officer');
  }, 180_000);
  afterAll(async () => { await t?.close(); server?.close(); });

  async function flow(subject: string) {
    const start = await fetch(`${t.url}/api/auth/oidc/start?next=/tasks`);
    expect(start.status).toBe(200);
    const flowCookie = start.headers.getSetCookie()[0]!.split(';')[0]!;
    expect(start.headers.getSetCookie()[0]).toContain('HttpOnly');
    const { url } = (await start.json()) as { url: string };
    expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');
    const search = await signInAtProvider(url, subject);
    return { search, flowCookie };
  }
  const callback = (search: string, cookie?: string) => t.api('POST', '/api/auth/oidc/callback', { body: { search }, headers: cookie ? { cookie } : {} });

  it('signs a linked subject in as their user; the token works like a password login’s', async () => {
    const { search, flowCookie } = await flow('idp-zhang');
    const r = await callback(search, flowCookie);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ next: '/tasks', user: { id: 'u-officer' } });
    expect((await t.api('GET', '/api/me', { token: r.body.token })).body.id).toBe('u-officer');
    expect((await t.api('GET', '/api/client-config')).body.oidc).toBe(true);
  });

  it('refuses an unlinked subject, a missing or forged flow cookie, and a replayed code', async () => {
    const unlinked = await flow('idp-stranger');
    expect((await callback(unlinked.search, unlinked.flowCookie)).body.error.code).toBe('auth.oidc-unlinked');
    const noCookie = await flow('idp-zhang');
    const r1 = await callback(noCookie.search);
    expect([r1.status, r1.body.error.code]).toEqual([401, 'auth.oidc-failed']);
    const forged = await callback(noCookie.search, noCookie.flowCookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
    expect(forged.body.error.code).toBe('auth.oidc-failed');
    // every other spelling of the MAC's last character is refused too, even one that decodes to the same bytes
    for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') {
      const other = noCookie.flowCookie.replace(/.$/, c);
      if (other !== noCookie.flowCookie) expect((await callback(noCookie.search, other)).body.error.code, c).toBe('auth.oidc-failed');
    }
    const good = await callback(noCookie.search, noCookie.flowCookie);
    expect(good.status).toBe(200);
    expect((await callback(noCookie.search, noCookie.flowCookie)).body.error.code).toBe('auth.oidc-failed');
  });

  it('refuses a disabled user at once', async () => {
    await t.rt.identity.setDisabled('u-officer', true);
    const { search, flowCookie } = await flow('idp-zhang');
    expect((await callback(search, flowCookie)).body.error.code).toBe('auth.oidc-unlinked');
    await t.rt.identity.setDisabled('u-officer', false);
  });
});
