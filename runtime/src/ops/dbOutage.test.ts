/**
 * The database away for a few seconds (a cut TCP path to the real MariaDB): the process keeps
 * running, requests answer a coded 500 meanwhile, `/readyz` says `ops.db-unreachable`, and the timer
 * that fell due during the outage fires exactly once when the database is back.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/loadConfig.ts';
import { createRuntime, type Runtime } from '../createRuntime.ts';
import { seedCounty } from '../seed/seedCounty.ts';
import { createTestDb, type TestDb } from '../testing/testDbs.ts';
import { GRID1, tinyCounty, tinyIncident } from '../testing/testRuntime.ts';
import { startCuttableProxy, type CuttableProxy } from '../testing/cuttableProxy.ts';

/** Waits 3 s, then closes with a notice. */
const waitItem = {
  ...tinyIncident, id: 'wait-item', initial: 'waiting',
  states: {
    waiting: { wait: { for: 'external', timeout: { within: 'PT3S', clock: 'natural', event: 'expired' } }, on: { expired: { target: 'closed' } } },
    closed: tinyIncident.states.closed,
  },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the database unreachable for a few seconds (MariaDB)', () => {
  let db: TestDb;
  let proxy: CuttableProxy;
  let rt: Runtime;
  let url: string;
  beforeAll(async () => {
    db = await createTestDb('mysql');
    await seedCounty(db.knex, tinyCounty);
    const u = new URL(db.databaseUrl!);
    proxy = await startCuttableProxy({ host: u.hostname, port: Number(u.port || 3306) });
    u.port = String(proxy.port);
    const config = loadConfig({ DATABASE_URL: u.href, TONGBAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'tongban-outage-')), LOG_LEVEL: 'silent', TONGBAN_JOBS_POLL_MS: '300', TONGBAN_LEASE_MS: '2000' });
    rt = await createRuntime(config, { logger: pino({ level: 'silent' }), adapters: [] });
    await rt.definitions.publishBody(waitItem, 'u-admin');
    url = (await rt.listen(0)).url;
  }, 180_000);
  afterAll(async () => {
    proxy?.restore();
    await rt?.close().catch(() => undefined);
    await proxy?.close();
    await db?.dispose();
  });

  it('keeps running, says what is wrong, and fires the timer that fell due meanwhile exactly once', async () => {
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'grid1', password: 'Tongban@2025' }) });
    const token = ((await login.json()) as { token: string }).token;
    const create = () => fetch(`${url}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ definitionId: 'wait-item', orgPath: GRID1, data: { description: '停电' } }) });
    const c = await create();
    expect(c.status).toBe(201);
    const caseId = ((await c.json()) as { id: string }).id;

    proxy.cut();
    let ready = await fetch(`${url}/readyz`);
    while (ready.status !== 503) ready = await fetch(`${url}/readyz`);
    expect(((await ready.json()) as { checks: unknown[] }).checks).toContainEqual(expect.objectContaining({ name: 'database', ok: false, code: 'ops.db-unreachable' }));
    const refused = await create();
    expect(refused.status).toBeGreaterThanOrEqual(500);
    expect(((await refused.json()) as { error: { code: string; details: { requestId: string } } }).error).toMatchObject({ code: 'internal', details: { requestId: expect.any(String) } });
    await sleep(4000); // the timer falls due while the database is away; polls fail and are logged
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    proxy.restore();

    const state = async () => ((await db.knex('cases').where({ id: caseId }).first('state')) as { state: string }).state;
    while ((await state()) !== 'closed') await sleep(200);
    const fired = await db.knex('case_events').where({ case_id: caseId, type: 'timer.fired' }).count({ n: '*' }).first();
    expect(Number((fired as { n: number }).n)).toBe(1);
    while ((await fetch(`${url}/readyz`)).status !== 200) await sleep(200);
    expect((await create()).status).toBe(201);
  }, 120_000);
});
