/**
 * Points a case awards (`award` effects) reach the ledger through the outbox: the rule's points (not
 * the case's figure), once per person and activity — a redelivered row, a name listed twice or a
 * second award for the same activity credit nothing more; a reversal takes the credit back once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, tinyIncident, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';

const attendance = { rule: 'meeting-attendance', person: { var: 'data.voters' }, activity: { var: 'data.meeting' } };
/** tiny-incident whose 受理 credits attendance to the people listed, and whose 审核 退回 takes it back. */
const awarding = {
  ...tinyIncident, id: 'awarding-incident',
  data: { ...tinyIncident.data, properties: { ...tinyIncident.data.properties,
    voters: { type: 'array', 'x-pii': 'none', items: { type: 'string' } }, meeting: { type: 'string', 'x-pii': 'none' } } },
  forms: { ...tinyIncident.forms, report: { ...tinyIncident.forms.report, fields: [...tinyIncident.forms.report.fields, 'voters', 'meeting'] } },
  states: { ...tinyIncident.states,
    accept: { ...tinyIncident.states.accept, on: { ...tinyIncident.states.accept.on, accept: { target: 'review', effects: [{ award: attendance }] } } },
    review: { ...tinyIncident.states.review, on: { ...tinyIncident.states.review.on, approve: { target: 'verify', effects: [{ award: { ...attendance, reverse: true } }] } } } },
};

describe.each(testDialects)('points awarded by cases on %s', (dialect) => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    await t.rt.definitions.publishBody(awarding, 'u-admin');
  }, 120_000);
  afterAll(async () => t?.close());

  const entries = async (person: string) => (await t.db.knex('points_entries').where({ person_id: person }).orderBy('created_at').select('kind', 'points', 'rule_id', 'activity_ref')) as Array<{ kind: string; points: number }>;
  const balance = async (person: string) => Number(((await t.db.knex('points_balances').where({ person_id: person }).first('balance')) as { balance: number } | undefined)?.balance ?? 0);

  /**
   * Runs the effect runner until the case's award rows are settled: a tick that finds a pass already
   * running (the runtime's own wake-up after a commit) only joins it, so one call may not reach them.
   */
  async function settled(caseId: string) {
    for (let i = 0; i < 50; i++) {
      await t.rt.effects.tick();
      const open = await t.db.knex('outbox').where({ case_id: caseId, kind: 'points.award' }).whereNot({ status: 'done' }).first('id');
      if (!open) return;
    }
    throw new Error(`award rows of ${caseId} not settled`);
  }

  async function accepted(meeting: string, voters: string[]) {
    const officer = await t.token('officer');
    const id = (await t.api('POST', '/api/cases', { token: officer, body: { definitionId: 'awarding-incident', orgPath: GRID1, data: { description: '议事', voters, meeting } } })).body.id as string;
    const task = (await t.db.knex('tasks').where({ case_id: id, state: 'accept', status: 'pending' }).first('id')) as { id: string };
    expect((await t.api('POST', `/api/tasks/${task.id}/complete`, { token: officer, body: { outcome: 'accept' } })).status).toBe(200);
    await settled(id);
    return id;
  }

  it('credits the rule’s points once per participant, however often the row is delivered', async () => {
    const id = await accepted('M-1', ['u-grid1', 'u-grid2', 'u-grid1']);
    expect(await balance('u-grid1')).toBe(2);
    expect(await balance('u-grid2')).toBe(2);
    // the row delivered again (a crash after the credit, before the row was settled)
    await t.db.knex('outbox').where({ case_id: id, kind: 'points.award' }).update({ status: 'pending', available_at: 0, claim_token: null, claimed_until: null });
    await settled(id);
    expect(await t.db.knex('outbox').where({ case_id: id, kind: 'points.award' }).first('status')).toEqual({ status: 'done' });
    // a second case for the same meeting credits nobody twice
    await accepted('M-1', ['u-grid2']);
    expect(await entries('u-grid1')).toEqual([{ kind: 'earn', points: 2, rule_id: 'meeting-attendance', activity_ref: 'M-1' }]);
    expect(await entries('u-grid2')).toEqual([{ kind: 'earn', points: 2, rule_id: 'meeting-attendance', activity_ref: 'M-1' }]);
    // the resident reads it through the points API
    const account = (await t.api('GET', '/api/points/accounts/u-grid1', { token: await t.token('grid1') })).body as { balance: number; entries: Array<{ ruleId: string }> };
    expect([account.balance, account.entries.map((e) => e.ruleId)]).toEqual([2, ['meeting-attendance']]);
    const audit = (await t.db.knex('audit_log').where({ case_id: id, action: 'points.case-awarded' }).select('detail')) as Array<{ detail: string }>;
    expect(audit.map((a) => JSON.parse(a.detail).results)).toEqual([{ 'u-grid1': 'credited', 'u-grid2': 'credited' }, { 'u-grid1': 'points.duplicate', 'u-grid2': 'points.duplicate' }]);
  });

  it('takes a credit back once when the case reverses it', async () => {
    const id = await accepted('M-2', ['u-grid1']);
    expect(await balance('u-grid1')).toBe(4);
    const task = (await t.db.knex('tasks').where({ case_id: id, state: 'review', status: 'pending' }).first('id')) as { id: string };
    expect((await t.api('POST', `/api/tasks/${task.id}/complete`, { token: await t.token('reviewer.east'), body: { outcome: 'approve' } })).status).toBe(200);
    await settled(id);
    await t.db.knex('outbox').where({ case_id: id, kind: 'points.award' }).update({ status: 'pending', available_at: 0, claim_token: null, claimed_until: null });
    await settled(id);
    expect(await balance('u-grid1')).toBe(2);
    expect((await entries('u-grid1')).map((e) => [e.kind, e.points])).toEqual([['earn', 2], ['earn', 2], ['reversal', -2]]);
  });
});
