import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';

describe.each(testDialects)('optimistic concurrency on %s', (dialect) => {
  let t: TestRuntime;
  beforeAll(async () => { t = await createTestRuntime(dialect, { poolMax: 8 }); }, 60_000); // a runtime on MariaDB, on a shared machine
  afterAll(async () => t.close());

  it('two parallel acts on one case: exactly one wins, the other gets 409 with the current version', async () => {
    const created = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: 'x' } } });
    const caseId = created.body.id;
    const task = (await t.db.knex('tasks').where({ case_id: caseId }).first()) as { id: string };
    const officer = await t.token('officer');
    // Two different actions on the same case version, sent at once (no expectedVersion: the store decides).
    const [a, b] = await Promise.all([
      t.api('POST', `/api/tasks/${task.id}/complete`, { token: officer, body: { outcome: 'accept' } }),
      t.api('POST', `/api/tasks/${task.id}/complete`, { token: officer, body: { outcome: 'void', comment: '重复上报' } }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(['case.version-conflict', 'task.not-open']).toContain(loser.body.error.code);
    const row = await t.db.knex('cases').where({ id: caseId }).first();
    expect(Number(row.version)).toBe(2);
    expect(await t.db.knex('case_events').where({ case_id: caseId }).count({ n: '*' })).toEqual([{ n: 2 }]);
  });

  it('a stale expectedVersion gets 409 with the current version and changes nothing', async () => {
    const created = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: 'y' } } });
    const task = (await t.db.knex('tasks').where({ case_id: created.body.id }).first()) as { id: string };
    const officer = await t.token('officer');
    const many = await Promise.all(Array.from({ length: 6 }, () => t.api('POST', `/api/tasks/${task.id}/complete`, { token: officer, body: { outcome: 'accept', expectedVersion: 1 } })));
    expect(many.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of many.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('case.version-conflict');
      expect(r.body.error.details.currentVersion).toBe(2);
    }
  });
  it('a command that named no version is worked out again when another writer commits first; one that named a version gets the conflict', async () => {
    const created = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: 'z' } } });
    const caseId = created.body.id as string;
    const task = (await t.db.knex('tasks').where({ case_id: caseId }).first()) as { id: string };
    const officer = (await t.rt.identity.getUser(((await t.db.knex('users').where({ username: 'officer' }).first('id')) as { id: string }).id))!;
    // another writer's commit between our read and our version-checked write, once: the row's version moves under us
    let interrupted = 0;
    const hooks = { authorize: async (row: { version: number }, _snap: unknown, trx: import('knex').Knex.Transaction) => {
      if (interrupted++ === 0) await trx('cases').where({ id: caseId }).update({ version: Number(row.version) + 1 });
    } };
    await expect(t.rt.commands.act(officer, caseId, { type: 'task.act', taskId: task.id, action: 'accept' } as never, 1, hooks)).rejects.toMatchObject({ code: 'case.version-conflict' });
    interrupted = 0;
    const out = await t.rt.commands.act(officer, caseId, { type: 'task.act', taskId: task.id, action: 'accept' } as never, undefined, hooks);
    expect(interrupted).toBe(2); // read, lost the race, read again and won
    expect(out.version).toBe(2);
    expect(((await t.db.knex('tasks').where({ id: task.id }).first()) as { status: string }).status).not.toBe('pending');
  });
});

describe('a locked SQLite file', () => {
  it('a command that finds the database locked by another process is run again, not answered 500', async () => {
    const t = await createTestRuntime('sqlite');
    try {
      const created = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: 'locked' } } });
      const task = (await t.db.knex('tasks').where({ case_id: created.body.id }).first()) as { id: string };
      const officer = await t.token('officer');
      // another process holds the write lock; our connection gives up after 20 ms instead of 15 s
      await t.db.knex.raw('PRAGMA busy_timeout = 20');
      const other = new Database(t.db.sqliteFile!);
      other.exec('BEGIN IMMEDIATE');
      let released = false;
      const release = setTimeout(() => { other.exec('COMMIT'); released = true; }, 150);
      const r = await t.api('POST', `/api/tasks/${task.id}/complete`, { token: officer, body: { outcome: 'accept' } });
      clearTimeout(release);
      if (!released) other.exec('COMMIT');
      other.close();
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(released).toBe(true); // the command did wait for the other writer
      expect(r.status).toBe(200);
      expect(Number(((await t.db.knex('cases').where({ id: created.body.id }).first()) as { version: number }).version)).toBe(2);
    } finally {
      await t.close();
    }
  });
});
