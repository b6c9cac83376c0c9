/**
 * How a request finds its operation (createApp.ts): Express's routing rules as clients meet them
 * (HEAD answered by GET, paths case-insensitive, a trailing slash allowed), the coded 404 for
 * anything else, and no ETag work on answers that are never cached.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../testing/testRuntime.ts';

let t: TestRuntime;
let token: string;
beforeAll(async () => { t = await createTestRuntime('sqlite'); token = await t.token('grid1'); }, 120_000);
afterAll(async () => t?.close());

const get = (path: string, method = 'GET') => fetch(t.url + path, { method, headers: { authorization: `Bearer ${token}` } });

describe('finding an operation', () => {
  it('answers a GET route for HEAD, a path in another case and with a trailing slash, as Express routes do', async () => {
    const me = await get('/api/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { username: string }).username).toBe('grid1');
    expect((await get('/api/me', 'HEAD')).status).toBe(200);
    expect((await get('/API/ME')).status).toBe(200);
    expect((await get('/api/me/')).status).toBe(200);
    expect((await get('/api/openapi.json')).status).toBe(200);
  });

  it('answers an unknown path, or a known path with another method, with the coded 404', async () => {
    for (const [path, method] of [['/api/nothing-here', 'GET'], ['/api/me', 'DELETE'], ['/api', 'GET'], ['/api/tasks/x/y/z', 'POST']] as const) {
      const r = await get(path, method);
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('route.not-found');
    }
  });

  it('sends no ETag on API answers (they are never cached: no-store)', async () => {
    const r = await get('/api/me');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('etag')).toBeNull();
  });
});
