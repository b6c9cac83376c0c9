/** A parent's end reaches its running children once, as `parent.<outcome>` (a cancelled project cancels its enrolments). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, tinyIncident, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';

/** The child: stops when told its parent closed. */
const child = { ...tinyIncident, id: 'told-child', states: { ...tinyIncident.states,
  accept: { ...tinyIncident.states.accept, on: { ...tinyIncident.states.accept.on, 'parent.closed': { target: 'voided', roles: ['system'] } } } } };
/** Another child that does not listen: it refuses, and the link says why. */
const deaf = { ...tinyIncident, id: 'deaf-child' };
/** The parent: accepting spawns both children (fire and forget, no waiting), then it runs on to its end. */
const parent = { ...tinyIncident, id: 'spawning-parent', states: { ...tinyIncident.states,
  accept: { ...tinyIncident.states.accept, on: { ...tinyIncident.states.accept.on, accept: { target: 'review', effects: [
    { spawn: { definition: 'told-child', input: { description: { var: 'data.description' } } } },
    { spawn: { definition: 'deaf-child', input: { description: { var: 'data.description' } } } }] } } } } };

describe.each(testDialects)('parent outcomes on %s', (dialect) => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    for (const d of [child, deaf, parent]) await t.rt.definitions.publishBody(d, 'u-admin');
  }, 120_000);
  afterAll(async () => t?.close());

  const complete = async (caseId: string, state: string, user: string, outcome: string, data?: Record<string, unknown>) => {
    const task = (await t.db.knex('tasks').where({ case_id: caseId, state, status: 'pending' }).first('id')) as { id: string };
    const r = await t.api('POST', `/api/tasks/${task.id}/complete`, { token: await t.token(user), body: { outcome, data } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  const stateOf = async (id: string) => ((await t.db.knex('cases').where({ id }).first('state')) as { state: string }).state;

  it('tells each running child once when the parent ends; a child that does not listen keeps running, the link says why', async () => {
    const p = (await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'spawning-parent', orgPath: GRID1, data: { description: '项目' } } })).body.id as string;
    await complete(p, 'accept', 'officer', 'accept');
    await t.rt.dispatch();
    const links = (await t.db.knex('case_links').where({ parent_case_id: p }).select('child_case_id', 'definition_id')) as Array<{ child_case_id: string; definition_id: string }>;
    const told = links.find((l) => l.definition_id === 'told-child')!.child_case_id;
    const other = links.find((l) => l.definition_id === 'deaf-child')!.child_case_id;
    await t.rt.dispatch();
    expect(await stateOf(told)).toBe('accept'); // the parent is still running: nothing told
    await complete(p, 'review', 'reviewer.east', 'approve');
    await complete(p, 'verify', 'grid1', 'close', { result: '结束' });
    await t.rt.dispatch();
    expect(await stateOf(told)).toBe('voided');
    expect(await stateOf(other)).toBe('accept');
    const rows = (await t.db.knex('case_links').where({ parent_case_id: p }).select('definition_id', 'parent_told_at', 'parent_note')) as Array<{ definition_id: string; parent_told_at: number | null; parent_note: string | null }>;
    expect(rows.every((r) => r.parent_told_at !== null)).toBe(true);
    expect(rows.find((r) => r.definition_id === 'told-child')!.parent_note).toBeNull();
    expect(rows.find((r) => r.definition_id === 'deaf-child')!.parent_note).toBeTruthy();
    // told once: another pass sends nothing more
    const events = async () => Number(((await t.db.knex('case_events').where({ case_id: other }).count({ n: '*' })) as Array<{ n: number | string }>)[0]!.n);
    const before = await events();
    await t.rt.dispatch();
    expect(await events()).toBe(before);
  });
});
