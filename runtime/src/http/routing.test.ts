/**
 * How a request finds its operation (createApp.ts): Express's routing rules as clients meet them
 * (HEAD answered by GET, paths case-insensitive, a trailing slash allowed), the coded 404 for
 * anything else, and no ETag work on answers that are never cached.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { Server } from 'node:http';
import { createTestRuntime, type TestRuntime } from '../testing/testRuntime.ts';
import { createApp } from './createApp.ts';
import { defineOperation, S } from './operation.ts';

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

describe('operations grouped by their first two segments', () => {
  const logger = pino({ level: 'silent' });
  const op = (method: 'get' | 'post', path: string, operationId: string) =>
    defineOperation({ method, path, operationId, tag: 'meta', auth: false, summary: operationId,
      params: Object.fromEntries([...path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, S.id])), async handler(ctx) { return { body: { op: operationId, params: ctx.params } }; } });
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // `/api/items/{id}` shares its group with `/api/items/list`; `/api/{kind}/ping` has a parameter
    // in its first two segments, so it is tried for every path its group (if any) does not answer
    const app = createApp({ operations: [op('get', '/api/items/list', 'list'), op('get', '/api/items/{id}', 'item'), op('get', '/api/{kind}/ping', 'ping'), op('get', '/healthz', 'health')],
      tokens: undefined as never, principals: undefined as never, logger, bodyLimitBytes: 1024 });
    server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => server?.close());
  const call = async (path: string) => { const r = await fetch(url + path); return [r.status, ((await r.json()) as { op?: string }).op] as const; };

  it('keeps the order of routes within a group and the Express rules at the group key', async () => {
    expect(await call('/api/items/list')).toEqual([200, 'list']);
    expect(await call('/api/items/7')).toEqual([200, 'item']);
    expect(await call('/API/Items/LIST/')).toEqual([200, 'list']);
    expect(await call('/healthz/')).toEqual([200, 'health']);
    expect(await call('/HEALTHZ')).toEqual([200, 'health']);
  });

  it('tries a route with a parameter in its first segments after the group, and 404s what none answers', async () => {
    expect(await call('/api/items/7/ping')).toEqual([404, undefined]);
    expect(await call('/api/things/ping')).toEqual([200, 'ping']);
    expect(await call('/api/items/ping')).toEqual([200, 'item']); // the group answers first, as the routes' order said
    const r = await fetch(`${url}/api/nothing/here/at/all`);
    expect([r.status, ((await r.json()) as { error: { code: string } }).error.code]).toEqual([404, 'route.not-found']);
  });
});
