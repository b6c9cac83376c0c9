/**
 * Volunteer hours ×k through the real effect dispatch (issue 13): a case awards the hourly rule for
 * an activity with the confirmed hours, and a correction (异议更正) awards the corrected hours for the
 * same activity. Whatever the order the outbox delivers them in, and however often, the ledger ends
 * with one award in force for the final hours: the earlier one reversed, a late one refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, tinyIncident, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';

const hours = { rule: 'volunteer-hour', person: { var: 'data.volunteer' }, activity: { var: 'case.id' }, hours: { var: 'data.hours' } };
/** tiny-incident whose 受理 confirms the hours served and whose 审核 may correct them (the volunteer-task item's shape). */
const serving = {
  ...tinyIncident, id: 'serving-incident',
  data: { ...tinyIncident.data, properties: { ...tinyIncident.data.properties,
    volunteer: { type: 'string', 'x-pii': 'none' }, hours: { type: 'number', minimum: 0, maximum: 24, 'x-pii': 'none' } } },
  forms: { ...tinyIncident.forms, report: { ...tinyIncident.forms.report, fields: [...tinyIncident.forms.report.fields, 'volunteer', 'hours'] },
    review: { ...tinyIncident.forms.review, fields: ['note', 'hours'] } },
  states: { ...tinyIncident.states,
    accept: { ...tinyIncident.states.accept, on: { ...tinyIncident.states.accept.on, accept: { target: 'review', effects: [{ award: hours }] } } },
    review: { ...tinyIncident.states.review, task: { ...tinyIncident.states.review.task, fields: { ...tinyIncident.states.review.task.fields, hours: 'write' } },
      on: { ...tinyIncident.states.review.on, approve: { target: 'verify', effects: [{ award: hours }] } } } },
};

describe.each(testDialects)('volunteer hours awarded by cases on %s', (dialect) => {
  let t: TestRuntime;
  beforeAll(async () => {
    // the test alone runs the outbox: the worker's one-second poll could deliver an award the test means to hold back
    t = await createTestRuntime(dialect, { env: { TONGBAN_EFFECTS_POLL_MS: '3600000' } });
    await t.rt.definitions.publishBody(serving, 'u-admin');
  }, 120_000);
  afterAll(async () => t?.close());

  const entries = async (person: string, activity?: string) => {
    const rows = (await t.db.knex('points_entries').where({ person_id: person }).orderBy([{ column: 'created_at' }, { column: 'points', order: 'desc' }]).select('id', 'kind', 'points', 'quantity', 'activity_ref', 'reverses')) as Array<{ id: string; kind: string; points: number; quantity: number | null; activity_ref: string | null; reverses: string | null }>;
    const ids = new Set(rows.filter((r) => r.activity_ref === activity).map((r) => r.id));
    return rows.filter((r) => !activity || r.activity_ref === activity || (r.reverses && ids.has(r.reverses))).map((r) => [r.kind, Number(r.points), r.quantity === null ? null : Number(r.quantity)]);
  };
  const balance = async (person: string) => Number(((await t.db.knex('points_balances').where({ person_id: person }).first('balance')) as { balance: number } | undefined)?.balance ?? 0);
  const awardRows = (caseId: string) => t.db.knex('outbox').where({ case_id: caseId, kind: 'points.award' }).orderBy('id');
  const redeliver = (caseId: string) => awardRows(caseId).update({ status: 'pending', available_at: 0, claim_token: null, claimed_until: null });

  /** Runs the effect runner until the case's award rows are settled (a tick may only join a pass already running). */
  async function settled(caseId: string) {
    for (let i = 0; i < 50; i++) {
      await t.rt.effects.tick();
      if (!(await awardRows(caseId).whereNot({ status: 'done' }).first('id'))) return;
    }
    throw new Error(`award rows of ${caseId} not settled`);
  }
  async function task(caseId: string, state: string) {
    return ((await t.db.knex('tasks').where({ case_id: caseId, state, status: 'pending' }).first('id')) as { id: string }).id;
  }
  /** Opens a case for `volunteer`, confirms `served` hours (受理), and answers the case id (award rows not yet run). */
  async function confirmed(volunteer: string, served: number) {
    const officer = await t.token('officer');
    const id = (await t.api('POST', '/api/cases', { token: officer, body: { definitionId: 'serving-incident', orgPath: GRID1, data: { description: '志愿服务', volunteer, hours: served } } })).body.id as string;
    expect((await t.api('POST', `/api/tasks/${await task(id, 'accept')}/complete`, { token: officer, body: { outcome: 'accept' } })).status).toBe(200);
    return id;
  }
  async function corrected(id: string, to: number) {
    const res = await t.api('POST', `/api/tasks/${await task(id, 'review')}/complete`, { token: await t.token('reviewer.east'), body: { outcome: 'approve', data: { hours: to } } });
    expect([res.status, res.body.error]).toEqual([200, undefined]);
  }

  it('credits rule × hours, and a correction leaves one award in force for the corrected hours, however often delivered', async () => {
    const id = await confirmed('u-grid1', 2.5);
    await settled(id);
    expect(await balance('u-grid1')).toBe(25); // 2.5 h × 10 (the rule's k), not a figure from the case
    await corrected(id, 1);
    await settled(id);
    expect(await entries('u-grid1', id)).toEqual([['earn', 25, 2.5], ['earn', 10, 1], ['reversal', -25, null]]);
    expect(await balance('u-grid1')).toBe(10);
    // both rows delivered again (a crash after the credit, before the row was settled)
    await redeliver(id);
    await settled(id);
    expect(await balance('u-grid1')).toBe(10);
    expect((await entries('u-grid1', id)).length).toBe(3);
    // staff cannot award the same hours by hand on top of the case's
    const manual = await t.api('POST', '/api/points/accounts/u-grid1/entries', { token: await t.token('officer'), body: { ruleId: 'volunteer-hour', activityRef: id, hours: 1 } });
    expect([manual.status, manual.body.error.code]).toEqual([409, 'points.duplicate']);
    const audit = (await t.db.knex('audit_log').where({ case_id: id, action: 'points.case-awarded' }).orderBy('seq').select('detail')) as Array<{ detail: string }>;
    expect(audit.map((a) => JSON.parse(a.detail).results['u-grid1'])).toEqual(['credited', 'credited', 'points.superseded', 'points.duplicate']);
  });

  it('ends with the corrected hours when the correction is delivered before the first award', async () => {
    const id = await confirmed('u-grid2', 3);
    await corrected(id, 2);
    const [first] = (await awardRows(id).select('id')) as Array<{ id: number }>;
    // hold the first award back (its delivery failed and waits for a retry); the correction goes first
    await t.db.knex('outbox').where({ id: first!.id }).update({ available_at: Date.now() + 3_600_000 });
    for (let i = 0; i < 50 && (await awardRows(id).whereNot({ status: 'done' }).count('id as n').first() as { n: number }).n > 1; i++) await t.rt.effects.tick();
    expect(await entries('u-grid2', id)).toEqual([['earn', 20, 2]]);
    await redeliver(id);
    await settled(id);
    expect(await entries('u-grid2', id)).toEqual([['earn', 20, 2]]);
    expect(await balance('u-grid2')).toBe(20);
  });

  it('takes the points back when the hours are corrected to none', async () => {
    const id = await confirmed('u-grid3', 4);
    await settled(id);
    const before = await balance('u-grid3');
    await corrected(id, 0);
    await settled(id);
    expect(await entries('u-grid3', id)).toEqual([['earn', 40, 4], ['earn', 0, 0], ['reversal', -40, null]]);
    expect(await balance('u-grid3')).toBe(before - 40);
  });
});
