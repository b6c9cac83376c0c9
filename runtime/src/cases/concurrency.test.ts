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
});
