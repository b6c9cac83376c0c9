/**
 * Issue 14.5 — authorization data is cached per process, and revocation stays prompt: at once in
 * the process that made the change, within 5 seconds in every other process on the same store.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/loadConfig.ts';
import { createRuntime, type Runtime } from '../createRuntime.ts';
import { createTestRuntime, GRID1, type TestRuntime } from '../testing/testRuntime.ts';
import { reopenTestDb, testDialects } from '../testing/testDbs.ts';
import { httpClient } from '../testing/httpClient.ts';

describe.each(testDialects)('principal cache across processes on %s', (dialect) => {
  let a: TestRuntime;
  let b: Runtime;
  let bUrl: string;
  let bNow = Date.now();
  beforeAll(async () => {
    a = await createTestRuntime(dialect);
    const config = loadConfig({ TONGBAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'tongban-b-')), PORT: '0', LOG_LEVEL: 'silent' });
    b = await createRuntime(config, { db: await reopenTestDb(a.db), logger: pino({ level: 'silent' }), jobs: 'off', principals: { clock: () => bNow } });
    bUrl = (await b.listen(0)).url;
  });
  afterAll(async () => { await b?.close(); await a?.close(); });

  const me = (url: string, token: string) => httpClient(url).api('GET', '/api/me', { token });

  it('a disabled user is refused at once where it was done, and within 5 s elsewhere', async () => {
    const token = await a.token('grid2');
    expect((await me(a.url, token)).status).toBe(200);
    expect((await me(bUrl, token)).status).toBe(200);
    await a.rt.identity.setDisabled('u-grid2', true);
    expect((await me(a.url, token)).status).toBe(401);
    expect((await me(bUrl, token)).status).toBe(200); // still cached over there
    bNow += 5_000;
    expect((await me(bUrl, token)).body.error.code).toBe('auth.token-revoked');
  });

  it('a removed role stops granting its scope on the same schedule', async () => {
    const token = await a.token('leader');
    const c = await a.api('POST', '/api/cases', { token: await a.token('grid1'), body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: '撤销角色' } } });
    const get = (url: string) => httpClient(url).api('GET', `/api/cases/${c.body.id}`, { token });
    expect((await get(a.url)).status).toBe(200);
    expect((await get(bUrl)).status).toBe(200);
    const leader = (await a.rt.identity.getUser('u-leader'))!;
    await a.rt.identity.upsertUser({ id: leader.id, username: leader.username, name: leader.name, orgPath: leader.orgPath, roles: [], passwordHash: (await a.rt.identity.getLogin('leader'))!.passwordHash });
    expect((await get(a.url)).status).toBe(404);
    expect((await get(bUrl)).status).toBe(200);
    bNow += 5_000;
    expect((await get(bUrl)).status).toBe(404);
  });
});
