/**
 * Issue 7.1 — the second day: seed the sample county, stop, start again on the same store, then act
 * on every service item through the API and let the overdue timers fire. Before the fix the first
 * command per service item compiled its definition lazily inside the command's transaction, through
 * the root pool: on SQLite's single connection it waited for the acquire timeout (60 s) and failed.
 * Test stores run with the pool guard (store/poolGuard.ts), so such a read fails at once here.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/loadConfig.ts';
import { createRuntime, type Runtime } from '../createRuntime.ts';
import { seedRuntime } from '../seed/seedRuntime.ts';
import { createTestDb, reopenTestDb, testDialects, type TestDb } from '../testing/testDbs.ts';
import { httpClient, type HttpClient } from '../testing/httpClient.ts';

interface OpenTask { id: string; definition_id: string; assignee: string | null; group_role: string | null; group_org: string | null; created_by: string }

const DAY = 86_400_000;

describe.each(testDialects)('restart on the same %s store', (dialect) => {
  let first: TestDb;
  let rt: Runtime | undefined;
  let http: HttpClient;
  const later = Date.now() + 60 * DAY; // far enough that the seed cases' SLA timers are overdue
  const config = loadConfig({ TONGBAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'tongban-restart-')), PORT: '0', LOG_LEVEL: 'silent' });
  /** A new process on the same data: nothing cached. */
  const restart = async (opts: Parameters<typeof createRuntime>[1] = {}) => {
    await rt?.close();
    rt = await createRuntime(config, { db: await reopenTestDb(first), logger: pino({ level: 'silent' }), jobs: 'off', ...opts });
    return rt;
  };

  beforeAll(async () => {
    first = await createTestDb(dialect);
    const day1 = await createRuntime(config, { db: first, logger: pino({ level: 'silent' }), jobs: 'off' });
    await seedRuntime(day1);
    await day1.close();
  }, 180_000);
  afterAll(async () => { await rt?.close(); await first?.dispose(); });

  it('answers the first command on every service item (a claim or an urge)', async () => {
    const rt = await restart();
    http = httpClient((await rt.listen(0)).url);
    const open = (await rt.db.knex('tasks').join('cases', 'cases.id', 'tasks.case_id').where('tasks.status', 'pending')
      .select('tasks.id', 'cases.definition_id', 'tasks.assignee', 'tasks.group_role', 'tasks.group_org', 'cases.created_by')) as OpenTask[];
    const items = [...new Set(open.map((t) => t.definition_id))].sort();
    expect(items).toEqual(['consultation', 'elderly-call', 'grid-incident', 'referral', 'volunteer-task']);
    for (const item of items) {
      const staff = new Set((await rt.db.knex('users').pluck('id')) as string[]);
      const task = pickTask(open.filter((t) => t.definition_id === item), staff);
      const { path, as } = await actionFor(task);
      const res = await http.api('POST', path, { token: await http.token(as), body: {} });
      expect({ item, path, status: res.status, body: res.status === 200 ? undefined : res.body }).toEqual({ item, path, status: 200, body: undefined });
    }
  });

  it('fires the overdue timers when the jobs driver starts', async () => {
    // as `tongban start` does: the driver starts (reconciling everything overdue) before the server listens
    const rt = await restart({ jobs: 'embedded', clock: () => later });
    const due = await rt.db.knex('timers').where({ status: 'armed' }).where('due_at', '<=', later).count({ n: '*' });
    expect(Number((due as Array<{ n: number }>)[0]!.n)).toBeGreaterThan(0);
    await rt.jobs.start();
    await rt.jobs.stop();
    const fired = await rt.db.knex('timers').where({ status: 'fired' }).count({ n: '*' });
    expect(Number((fired as Array<{ n: number }>)[0]!.n)).toBeGreaterThan(0);
    // every overdue timer was taken: fired, stale, or parked because the engine refused it for a
    // reason a retry cannot change — never left waiting on a connection or failed by the store
    const left = await rt.db.knex('timers').whereIn('status', ['armed', 'firing', 'failed']).where('due_at', '<=', later).select('timer_key', 'status', 'last_error');
    expect(left.filter((t: { status: string; last_error: string | null }) => !(t.status === 'failed' && /^refused: run\./.test(t.last_error ?? '')))).toEqual([]);
    const items = await rt.db.knex('case_events').join('cases', 'cases.id', 'case_events.case_id').where('case_events.type', 'timer.fired').distinct('cases.definition_id').pluck('definition_id');
    expect(items.length).toBeGreaterThanOrEqual(3);
  });

  /**
   * A task whose act needs no form data: an unclaimed group task to claim, or one the initiator may
   * urge — an initiator who is a user (cases a device, the hotline or a hospital opened have none).
   */
  function pickTask(tasks: OpenTask[], staff: Set<string>): OpenTask {
    return tasks.find((t) => t.group_role && !t.assignee) ?? tasks.find((t) => staff.has(t.created_by) && t.created_by !== t.assignee)!;
  }

  async function actionFor(t: OpenTask): Promise<{ path: string; as: string }> {
    if (t.group_role && !t.assignee) {
      const holder = await rt!.db.knex('role_assignments').where({ role: t.group_role, org_path: t.group_org }).first('user_id');
      return { path: `/api/tasks/${t.id}/claim`, as: await usernameOf(String(holder.user_id)) };
    }
    return { path: `/api/tasks/${t.id}/urge`, as: await usernameOf(t.created_by) };
  }

  async function usernameOf(userId: string): Promise<string> {
    return String((await rt!.db.knex('users').where({ id: userId }).first('username')).username);
  }
});
