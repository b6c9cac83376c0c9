/**
 * Readiness says what is wrong, with codes: a database that refuses connections, pending
 * migrations, a Redis that does not answer, no fresh worker heartbeat — on a real SQLite store and
 * a real (refused) MariaDB address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import knexFactory from 'knex';
import { createTestDb, type TestDb } from '../testing/testDbs.ts';
import { migrateDownAll } from '../store/migrate.ts';
import { checkReadiness } from './readiness.ts';
import { beat, HEARTBEAT_FRESH_MS, recentHeartbeats } from './heartbeats.ts';

describe('readiness', () => {
  let db: TestDb;
  beforeAll(async () => { db = await createTestDb('sqlite'); });
  afterAll(async () => db?.dispose());

  it('is ready with the store migrated and a fresh heartbeat; says "no worker" once the beat is stale', async () => {
    const now = Date.now();
    await beat(db.knex, { id: 'rt-a', role: 'worker', host: 'h', pid: 1, startedAt: now - 1000, seenAt: now - 1000 });
    expect(await checkReadiness({ knex: db.knex, now: () => now })).toEqual({ ready: true, checks: [{ name: 'database', ok: true }, { name: 'migrations', ok: true }, { name: 'worker', ok: true }] });
    await beat(db.knex, { id: 'rt-a', role: 'worker', host: 'h', pid: 1, startedAt: 0, seenAt: now - HEARTBEAT_FRESH_MS - 1 });
    expect((await recentHeartbeats(db.knex)).map((h) => [h.id, h.startedAt])).toEqual([['rt-a', now - 1000]]); // a beat keeps the start time
    const r = await checkReadiness({ knex: db.knex, now: () => now });
    expect(r.ready).toBe(false);
    expect(r.checks.find((c) => c.name === 'worker')).toMatchObject({ ok: false, code: 'ops.no-worker', message: expect.stringMatching(/^近期没有工作进程心跳.*\(No worker heartbeat seen recently.*last 30 s ago/) });
  });

  it('reports Redis that does not answer', async () => {
    const r = await checkReadiness({ knex: db.knex, pingRedis: async () => { throw new Error('connect ECONNREFUSED 127.0.0.1:1'); } });
    expect(r.checks.find((c) => c.name === 'redis')).toMatchObject({ ok: false, code: 'ops.redis-unreachable', message: expect.stringContaining('ECONNREFUSED') });
  });

  it('reports a database that refuses connections, without hanging', async () => {
    const away = knexFactory({ client: 'mysql2', connection: 'mysql://root@127.0.0.1:1/none', pool: { min: 0, max: 1 }, acquireConnectionTimeout: 1500 });
    try {
      const r = await checkReadiness({ knex: away, timeoutMs: 3000 });
      expect(r).toMatchObject({ ready: false, checks: [{ name: 'database', ok: false, code: 'ops.db-unreachable', message: expect.stringContaining('The database cannot be reached') }] });
    } finally {
      await away.destroy();
    }
  });

  it('reports pending migrations', async () => {
    const other = await createTestDb('sqlite');
    try {
      await migrateDownAll(other.knex);
      await other.knex.migrate.latest({ migrationSource: { getMigrations: async () => ['001_core'], getMigrationName: (n: string) => n, getMigration: async () => (await import('../store/migrations/001_core.ts')) } as never });
      const r = await checkReadiness({ knex: other.knex });
      expect(r.checks.find((c) => c.name === 'migrations')).toMatchObject({ ok: false, code: 'ops.db-not-migrated', message: expect.stringContaining('012_ops') });
    } finally {
      await other.dispose();
    }
  });
});
