/**
 * The volunteer-task item's hours ×k through the running API and the real effect dispatch, on the
 * sample county (its seed enrolment waits in 时长待确认): the organiser adjusts the hours, the volunteer
 * disputes them, the organiser corrects them (异议更正); the ledger ends with one award in force, for
 * the corrected hours × the rule's points, however often the outbox delivers the awards.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/loadConfig.ts';
import { createRuntime, type Runtime } from '../createRuntime.ts';
import { seedRuntime } from '../seed/seedRuntime.ts';
import { createTestDb, testDialects, type TestDb } from '../testing/testDbs.ts';
import { httpClient, type HttpClient } from '../testing/httpClient.ts';

const VOLUNTEER = { id: 'u-resident-510722100001001-2', username: 'resident-510722100001001-2' };

describe.each(testDialects)('volunteer-task hours earn points on %s', (dialect) => {
  let db: TestDb;
  let rt: Runtime;
  let http: HttpClient;
  let caseId: string;
  beforeAll(async () => {
    db = await createTestDb(dialect);
    const config = loadConfig({ TONGBAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'tongban-hours-')), LOG_LEVEL: 'silent' });
    rt = await createRuntime(config, { db, logger: pino({ level: 'silent' }), jobs: 'off' });
    await seedRuntime(rt);
    http = httpClient((await rt.listen(0)).url);
    // the seed cases' own awards (attendance credited to this resident) settle first: the balance then moves only by this enrolment
    for (let i = 0; i < 100 && (await db.knex('outbox').where({ kind: 'points.award' }).whereIn('status', ['pending', 'running']).first('id')); i++) await rt.effects.tick();
    caseId = ((await db.knex('tasks').join('cases', 'cases.id', 'tasks.case_id').where({ 'cases.definition_id': 'volunteer-task', 'tasks.state': 'hours_pending', 'tasks.status': 'pending' }).first('cases.id')) as { id: string }).id;
  }, 300_000);
  afterAll(async () => { await rt?.close(); await db?.dispose(); });

  const awardRows = () => db.knex('outbox').where({ case_id: caseId, kind: 'points.award' });
  /** Runs the effect runner until the case's award rows are settled. */
  async function settled() {
    for (let i = 0; i < 50; i++) {
      await rt.effects.tick();
      if (!(await awardRows().whereNot({ status: 'done' }).first('id'))) return;
    }
    throw new Error('award rows not settled');
  }
  /** The ledger entries of this enrolment (its awards and their reversals), oldest first. */
  async function entries() {
    const rows = (await db.knex('points_entries').where({ person_id: VOLUNTEER.id }).orderBy([{ column: 'created_at' }, { column: 'points', order: 'desc' }]).select('id', 'kind', 'points', 'quantity', 'activity_ref', 'reverses')) as Array<{ id: string; kind: string; points: number; quantity: number | null; activity_ref: string | null; reverses: string | null }>;
    const mine = new Set(rows.filter((r) => r.activity_ref === caseId).map((r) => r.id));
    return rows.filter((r) => mine.has(r.id) || (r.reverses && mine.has(r.reverses))).map((r) => [r.kind, Number(r.points), r.quantity === null ? null : Number(r.quantity)]);
  }
  const balance = async () => Number(((await db.knex('points_balances').where({ person_id: VOLUNTEER.id }).first('balance')) as { balance: number } | undefined)?.balance ?? 0);
  /** Claims the case's open task at `state` as a holder of its group role and completes it. */
  async function decide(state: string, outcome: string, body: Record<string, unknown>) {
    const task = (await db.knex('tasks').where({ case_id: caseId, state, status: 'pending' }).first('id', 'group_role', 'group_org', 'assignee')) as { id: string; group_role: string; group_org: string; assignee: string | null };
    const holder = task.assignee ?? String(((await db.knex('role_assignments').where({ role: task.group_role, org_path: task.group_org }).first('user_id')) as { user_id: string }).user_id);
    const token = await http.token(String(((await db.knex('users').where({ id: holder }).first('username')) as { username: string }).username));
    if (!task.assignee) expect((await http.api('POST', `/api/tasks/${task.id}/claim`, { token, body: {} })).status).toBe(200);
    const res = await http.api('POST', `/api/tasks/${task.id}/complete`, { token, body: { outcome, ...body } });
    expect([res.status, res.body.error]).toEqual([200, undefined]);
  }

  it('awards the adjusted hours, then only the corrected hours after a dispute', async () => {
    const before = await balance();
    await decide('hours_pending', 'adjust_hours', { comment: '迟到30分钟', data: { hours: 1.5, content: '送餐' } });
    await settled();
    expect(await entries()).toEqual([['earn', 15, 1.5]]); // 1.5 h × 10, the seeded rule's k
    expect(await balance()).toBe(before + 15);

    const dispute = await http.api('POST', `/api/cases/${caseId}/events`, { token: await http.token(VOLUNTEER.username), body: { type: 'dispute_hours', comment: '我10:55已签到' } });
    expect(dispute.status).toBe(200);
    await decide('hours_disputed', 'correct_hours', { comment: '核对签到记录后更正', data: { hours: 2, content: '送餐' } });
    await settled();
    expect(await entries()).toEqual([['earn', 15, 1.5], ['earn', 20, 2], ['reversal', -15, null]]);
    expect(await balance()).toBe(before + 20);

    // every award row delivered again (a crash after the credit, before the row was settled): nothing changes
    await awardRows().update({ status: 'pending', available_at: 0, claim_token: null, claimed_until: null });
    await settled();
    expect((await entries()).length).toBe(3);
    expect(await balance()).toBe(before + 20);
    const results = (await db.knex('audit_log').where({ case_id: caseId, action: 'points.case-awarded' }).orderBy('seq').select('detail')) as Array<{ detail: string }>;
    expect(results.map((r) => JSON.parse(r.detail).results[VOLUNTEER.id])).toEqual(['credited', 'credited', 'points.superseded', 'points.duplicate']);
  }, 300_000);
});
