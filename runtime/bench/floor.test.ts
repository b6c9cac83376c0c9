/**
 * The bench's floor replays what a real flow wrote: captured through the API on a real store, the
 * replayed flows add the same rows to every table the flow touched, under their own case ids, and
 * extend the audit chain as the real commands do (both dialects, real SQLite and MariaDB). On
 * SQLite a command chains its audit rows itself; on MariaDB it queues them (`audit_pending`) for
 * the sealer, so the audit figure below is the two tables together.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { sealAudit } from '../src/audit/auditStaging.ts';
import { createTestRuntime, GRID1, type TestRuntime } from '../src/testing/testRuntime.ts';
import { planReplay, replayFloorRate, type ReplayPlan } from './floor.ts';
import { startCapture } from './statementCapture.ts';

const TABLES = ['cases', 'case_events', 'tasks', 'task_candidates', 'timers', 'outbox', 'audit'];

const rowsOf = async (k: Knex, table: string) => Number(((await k(table).count({ n: '*' })) as Array<{ n: number | string }>)[0]!.n);
async function counts(k: Knex): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES.slice(0, -1)) out[t] = await rowsOf(k, t);
  // one read for both audit tables: the sealer may move rows between them meanwhile
  const audit = await k.raw('select (select count(*) from audit_log) + (select count(*) from audit_pending) as n');
  out.audit = Number((Array.isArray(audit[0]) ? audit[0][0] : audit[0]).n);
  return out;
}
const delta = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(TABLES.map((t) => [t, b[t]! - a[t]!]));
const headSeq = async (k: Knex) => Number(((await k('audit_head').where({ id: 1 }).first('seq')) as { seq: number | string }).seq);

describe.each(['sqlite', 'mysql'] as const)('the knex floor on %s', (dialect) => {
  let t: TestRuntime;
  let k: Knex;
  let plan: ReplayPlan;
  let flowRows: Record<string, number>;

  beforeAll(async () => {
    t = await createTestRuntime(dialect, { guard: false });
    k = t.db.commandKnex ?? t.db.knex;
    const tok = { grid1: await t.token('grid1'), officer: await t.token('officer'), reviewer: await t.token('reviewer.east') };
    const before = await counts(t.db.knex);
    const capture = await startCapture(k);
    const c = await t.api('POST', '/api/cases', { token: tok.grid1, body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: '路灯损坏', reporterPhone: '13812341234' } } });
    expect(c.status).toBe(201);
    const steps = [[tok.officer, { outcome: 'accept' }, ':t1'], [tok.reviewer, { outcome: 'approve' }, ':t3'], [tok.grid1, { outcome: 'close', data: { result: 'ok' } }, ':t5']] as const;
    for (const [i, [token, body, task]] of steps.entries()) {
      const r = await t.api('POST', `/api/tasks/${c.body.id}${task}/complete`, { token, body: { ...body, expectedVersion: i + 1 } });
      expect(r.status).toBe(200);
    }
    const captured = capture.stop();
    flowRows = delta(before, await counts(t.db.knex));
    const ref = ((await t.db.knex('cases').where({ id: c.body.id }).first('ref')) as { ref: string }).ref;
    plan = planReplay(c.body.id, ref, captured.transactions);
  }, 180_000);
  afterAll(async () => { await t?.close(); });

  it('captures the four command transactions of one flow', () => {
    expect(plan.transactions).toHaveLength(4);
    // SQLite: each command reads the chain's head and writes its audit row after it
    const chained = dialect === 'sqlite' ? 1 : 0;
    for (const tx of plan.transactions) {
      expect(tx.statements.filter((s) => s.readsHead)).toHaveLength(chained);
      expect(tx.statements.some((s) => s.seqAt.length > 0)).toBe(chained === 1);
    }
    expect(flowRows).toMatchObject({ cases: 1, case_events: 4, tasks: 3, audit: 4, outbox: 1 });
  });

  it('replays flows that add the rows the real flow added, under new case ids, the chain head moving on', async () => {
    await sealAudit(t.db.knex); // MariaDB: the real flow's staged entries join the chain first
    const before = await counts(t.db.knex);
    const head = await headSeq(t.db.knex);
    const rate = await replayFloorRate(k, plan, 3, 2);
    expect(rate).toBeGreaterThan(0);
    expect(delta(before, await counts(t.db.knex))).toEqual(Object.fromEntries(TABLES.map((x) => [x, flowRows[x]! * 3])));
    // the chain's head has moved past every replayed audit row (at once on SQLite, once sealed on MariaDB)
    await sealAudit(t.db.knex);
    expect(await headSeq(t.db.knex)).toBe(head + 4 * 3);
    // every replayed flow is a case of its own, not a second write to the captured one
    const ids = (await t.db.knex('cases').whereNot({ id: plan.caseId }).where('ref', 'like', 'F%').pluck('id')) as string[];
    expect(new Set(ids).size).toBe(3);
    expect(Number(((await t.db.knex('case_events').where({ case_id: plan.caseId }).count({ n: '*' })) as Array<{ n: number | string }>)[0]!.n)).toBe(4);
  });
});
