/**
 * Chaos: real processes share one store and drive cases with timers and outbox effects while a
 * worker is SIGKILLed and (with BullMQ) Redis is restarted. Afterwards every timer took effect
 * exactly once, every webhook reached the stand-in under one idempotency key per outbox row, every
 * case finished with an unbroken event sequence, and `tongban audit verify` passes. Prints its numbers.
 *
 * - MariaDB (a fresh database) + Redis (a redis-server of the test's own, on a free port, so restarting it
 *   disturbs no other test): two servers, two workers; halfway one worker is
 *   SIGKILLed, Redis restarted empty, the other worker SIGTERMed (it drains and exits 0); both restart.
 * - SQLite (one file) + the embedded driver: one server, one worker.
 * TONGBAN_CHAOS_CASES sets the number of cases (default 1000 on each store).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing/testDbs.ts';
import { freePort, spawnTongban, waitFor, type TongbanProcess } from '../testing/spawnTongban.ts';
import { checkStore, prepareStore, startStandIn, WEBHOOK, type StandIn } from './chaosWorld.ts';
import { GRID1 } from '../testing/testRuntime.ts';

const started: TongbanProcess[] = [];
afterAll(() => { for (const p of started) p.signal('SIGKILL'); });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A Redis of the test's own (a real redis-server on a free port, nothing kept on disk), so that
 * restarting it disturbs no other test that uses the machine's Redis.
 */
async function ownRedis(port: number): Promise<{ url: string; start(): Promise<void>; stop(): void }> {
  const cli = (...args: string[]) => execFileSync('redis-cli', ['-p', String(port), ...args], { stdio: 'pipe' }).toString().trim();
  const r = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      execFileSync('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      for (let i = 0; i < 100; i++) { try { if (cli('ping') === 'PONG') return; } catch { /* not up yet */ } await sleep(100); }
      throw new Error(`redis-server on ${port} did not start`);
    },
    stop() { try { cli('shutdown', 'nosave'); } catch { /* already down */ } },
  };
  await r.start();
  return r;
}

/** Stops the test's Redis (its data gone: no persistence), runs `whileDown`, starts it again. */
async function restartRedis(redis: Awaited<ReturnType<typeof ownRedis>>, whileDown: () => Promise<void>): Promise<void> {
  redis.stop();
  try {
    await whileDown();
  } finally {
    await redis.start();
  }
}

async function login(url: string, username: string): Promise<string> {
  const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Tongban@2025' }) });
  return ((await r.json()) as { token: string }).token;
}

interface Plan { total: number; servers: string[]; token: string; midway(): Promise<void> }

/** Creates `total` cases through the servers in turn, 8 at a time; runs `midway` once half are in. A failed create is retried (a server may answer 5xx while the store or Redis is away). */
async function drive(p: Plan): Promise<{ ids: string[]; retries: number }> {
  const ids: string[] = [];
  let next = 0;
  let retries = 0;
  let chaos: Promise<void> | undefined;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < p.total) {
      const i = next++;
      if (i === Math.floor(p.total / 2)) chaos = p.midway();
      for (;;) {
        const url = p.servers[(i + retries) % p.servers.length]!;
        try {
          const r = await fetch(`${url}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` },
            body: JSON.stringify({ definitionId: 'chaos-item', orgPath: GRID1, data: { description: `chaos ${i}` } }) });
          const body = (await r.json()) as { id?: string };
          if (r.status === 201 && body.id) { ids.push(body.id); break; }
          retries++;
        } catch {
          retries++;
        }
        await sleep(200);
      }
    }
  }));
  await chaos;
  return { ids, retries };
}

/** Polls the store until every case is final (or nothing moved for 3 minutes, which fails with the numbers). */
async function settle(db: TestDb, ids: string[]) {
  let last = -1;
  let still = Date.now();
  for (;;) {
    const c = await checkStore(db.knex, ids);
    if (c.final === ids.length && c.outboxOpen === 0) return c;
    if (c.final !== last) { last = c.final; still = Date.now(); }
    if (Date.now() - still > 180_000) return c;
    await sleep(1000);
  }
}

/** The exit code, or 'still running' after `ms` (a process that ignores SIGTERM fails the test instead of hanging it). */
const exitWithin = (p: TongbanProcess, ms = 120_000) => Promise.race([p.exited, sleep(ms).then(() => { p.signal('SIGKILL'); return 'still running'; })]);

function report(name: string, facts: Record<string, number | string>): void {
  console.info(`[chaos ${name}] ` + Object.entries(facts).map(([k, v]) => `${k}=${v}`).join(' '));
}

async function verifyAudit(env: Record<string, string>): Promise<number | string> {
  const p = spawnTongban(['audit', 'verify'], env);
  const code = await p.exited;
  if (code !== 0) console.error(p.output());
  return code;
}

function expectClean(c: Awaited<ReturnType<typeof checkStore>>, created: number, standin: StandIn) {
  const keys = [...standin.posts.keys()].filter((k) => !k.startsWith('refused:'));
  expect(c.cases, 'no case lost').toBe(created);
  expect(c.final, 'every case finished').toBe(created);
  expect(c.done, 'every case went through the timer and the webhook').toBe(created);
  expect(c.timerFiredEvents, 'no timer doubled').toBe(created);
  expect(c.casesWithOneFiring, 'every timer fired exactly once').toBe(created);
  expect(c.openTimers).toBe(0);
  expect([c.outboxOpen, c.outboxDead]).toEqual([0, 0]);
  expect(c.casesWithOneNotice, 'one escalation notice per case').toBe(created);
  expect(c.brokenSequences, 'no half-written case').toBe(0);
  expect(keys.length, 'one delivered idempotency key per outbox row').toBe(c.outboxRows);
  expect(c.outboxRows).toBe(created);
  return { keys: keys.length, duplicates: [...standin.posts.entries()].filter(([k, v]) => !k.startsWith('refused:') && v > 1).length };
}

describe('chaos', () => {
  it('two servers and two workers on MariaDB and Redis: SIGKILL a worker, restart Redis; nothing lost or doubled', async () => {
    const total = Number(process.env.TONGBAN_CHAOS_CASES ?? 1000);
    const db = await createTestDb('mysql');
    const [STANDIN_PORT, w1, w2, s1, s2, redisPort] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    const standin = await startStandIn(STANDIN_PORT);
    const redis = await ownRedis(redisPort);
    const dir = mkdtempSync(join(tmpdir(), 'tongban-chaos-'));
    const env = { DATABASE_URL: db.databaseUrl!, TONGBAN_DATA_DIR: dir, TONGBAN_SEED: 'false', TONGBAN_ADAPTERS: WEBHOOK, TONGBAN_ADAPTER_ISOLATION: 'inline',
      TONGBAN_JOBS: 'bullmq', REDIS_URL: redis.url, TONGBAN_JOBS_QUEUE: `chaos-${randomBytes(4).toString('hex')}`, TONGBAN_LEASE_MS: '5000', TONGBAN_JOBS_SWEEP_MS: '5000',
      LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
    try {
      await prepareStore(env, `http://127.0.0.1:${STANDIN_PORT}/hook`);
      const start = (role: string, extra: Record<string, string>) => { const p = spawnTongban(['start', '--role', role], { ...env, ...extra }); started.push(p); return p; };
      const workers = [start('worker', { TONGBAN_METRICS_PORT: String(w1) }), start('worker', { TONGBAN_METRICS_PORT: String(w2) })];
      const servers = [start('server', { PORT: String(s1) }), start('server', { PORT: String(s2) })];
      const urls = [`http://127.0.0.1:${s1}`, `http://127.0.0.1:${s2}`];
      for (const [i, s] of servers.entries()) await waitFor(s, `${urls[i]}/readyz`);
      const token = await login(urls[0]!, 'grid1');
      // the queue board: county admins only, on every server
      const board = await fetch(`${urls[1]}/admin/queues`, { headers: { authorization: `Bearer ${await login(urls[1]!, 'admin')}` } });
      expect([board.status, (await board.text()).includes('<html')]).toEqual([200, true]);
      expect((await fetch(`${urls[1]}/admin/queues`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
      let sawRedisDown = '';
      let drainedExit: number | string = 'none';
      const t0 = Date.now();
      const { ids, retries } = await drive({ total, servers: urls, token, async midway() {
        workers[0]!.signal('SIGKILL');
        await restartRedis(redis, async () => {
          await sleep(1500);
          const r = await fetch(`${urls[1]}/readyz`);
          const body = (await r.json()) as { checks: Array<{ code?: string }> };
          sawRedisDown = `${r.status}:${body.checks.map((c) => c.code).filter(Boolean).join(',')}`;
        });
        workers[0] = start('worker', { TONGBAN_METRICS_PORT: String(w1) }); // the supervisor restarts it
        // the other worker is stopped the polite way while it has work in hand: it drains and exits 0
        workers[1]!.signal('SIGTERM');
        drainedExit = await exitWithin(workers[1]!);
        if (drainedExit !== 0) console.error(`[chaos] the SIGTERMed worker's log:\n${workers[1]!.output().slice(-4000)}`);
        workers[1] = start('worker', { TONGBAN_METRICS_PORT: String(w2) });
      } });
      const c = await settle(db, ids);
      const seconds = Math.round((Date.now() - t0) / 1000);
      const audit = await verifyAudit(env);
      const delivered = expectClean(c, ids.length, standin);
      report('mariadb+bullmq', { cases: ids.length, createRetries: retries, timersFiredOnce: c.casesWithOneFiring, notices: c.notices, outboxRows: c.outboxRows,
        keysDelivered: delivered.keys, keysSeenTwice: delivered.duplicates, standInRefusals: standin.refused, readyzWhileRedisRestarted: sawRedisDown || '(ok)', sigtermWorkerExit: drainedExit, auditVerify: audit, seconds });
      expect(audit).toBe(0);
      expect(sawRedisDown).toBe('503:ops.redis-unreachable');
      expect(drainedExit).toBe(0);
      for (const p of [...servers, ...workers]) p.signal('SIGTERM');
      expect(await Promise.all([...servers, ...workers].map((p) => exitWithin(p)))).toEqual([0, 0, 0, 0]);
    } finally {
      redis.stop();
      await standin.close();
      await db.dispose();
    }
  }, 900_000);

  it('a server and a worker on one SQLite file with the embedded driver: SIGKILL the worker; nothing lost or doubled', async () => {
    const total = Number(process.env.TONGBAN_CHAOS_CASES ?? 1000);
    const [STANDIN_PORT, wp, sp] = [await freePort(), await freePort(), await freePort()];
    const standin = await startStandIn(STANDIN_PORT);
    const dir = mkdtempSync(join(tmpdir(), 'tongban-chaos-'));
    const env = { TONGBAN_DATA_DIR: dir, TONGBAN_SEED: 'false', TONGBAN_ADAPTERS: WEBHOOK, TONGBAN_ADAPTER_ISOLATION: 'inline', TONGBAN_JOBS: 'embedded', TONGBAN_JOBS_POLL_MS: '500',
      TONGBAN_LEASE_MS: '5000', LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
    const { openDb } = await import('../store/createDb.ts');
    try {
      await prepareStore(env, `http://127.0.0.1:${STANDIN_PORT}/hook`);
      const start = (role: string, extra: Record<string, string>) => { const p = spawnTongban(['start', '--role', role], { ...env, ...extra }); started.push(p); return p; };
      let worker = start('worker', { TONGBAN_METRICS_PORT: String(wp) });
      const server = start('server', { PORT: String(sp) });
      const url = `http://127.0.0.1:${sp}`;
      await waitFor(server, `${url}/readyz`);
      const token = await login(url, 'grid1');
      const t0 = Date.now();
      const { ids, retries } = await drive({ total, servers: [url], token, async midway() {
        worker.signal('SIGKILL');
        await sleep(2000);
        worker = start('worker', { TONGBAN_METRICS_PORT: String(wp) });
      } });
      const store = openDb({ dataDir: dir, walCheckpointer: false });
      const db = { ...store, dispose: () => store.close() } as TestDb;
      try {
        const c = await settle(db, ids);
        const seconds = Math.round((Date.now() - t0) / 1000);
        const audit = await verifyAudit(env);
        const delivered = expectClean(c, ids.length, standin);
        report('sqlite+embedded', { cases: ids.length, createRetries: retries, timersFiredOnce: c.casesWithOneFiring, notices: c.notices, outboxRows: c.outboxRows,
          keysDelivered: delivered.keys, keysSeenTwice: delivered.duplicates, standInRefusals: standin.refused, auditVerify: audit, seconds });
        expect(audit).toBe(0);
      } finally {
        await db.dispose();
      }
      server.signal('SIGTERM');
      worker.signal('SIGTERM');
      expect(await Promise.all([exitWithin(server), exitWithin(worker)])).toEqual([0, 0]);
    } finally {
      await standin.close();
    }
  }, 900_000);
});
