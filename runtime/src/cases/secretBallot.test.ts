/** 无记名投票: with the ballot secret, the timeline and the trail show that someone voted, never what they chose. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, tinyIncident, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';

/** tiny-incident whose 受理 is a vote, secret when the reporter asks for it. */
const ballot = {
  ...tinyIncident, id: 'ballot-incident',
  data: { ...tinyIncident.data, properties: { ...tinyIncident.data.properties, secret: { type: 'boolean', 'x-pii': 'none' } } },
  forms: { ...tinyIncident.forms, report: { ...tinyIncident.forms.report, fields: [...tinyIncident.forms.report.fields, 'secret'] } },
  states: { ...tinyIncident.states, accept: { ...tinyIncident.states.accept, task: { ...tinyIncident.states.accept.task, mode: 'vote', vote: { threshold: 0.5, secretField: 'data.secret' } } } },
};

describe.each(testDialects)('secret ballots on %s', (dialect) => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    await t.rt.definitions.publishBody(ballot, 'u-admin');
  }, 120_000);
  afterAll(async () => t?.close());

  async function voted(secret: boolean) {
    const grid = await t.token('grid1');
    const id = (await t.api('POST', '/api/cases', { token: grid, body: { definitionId: 'ballot-incident', orgPath: GRID1, data: { description: '表决', secret } } })).body.id as string;
    const task = (await t.db.knex('tasks').where({ case_id: id, state: 'accept', status: 'pending' }).first('id')) as { id: string };
    const officer = await t.token('officer');
    expect((await t.api('POST', `/api/tasks/${task.id}/complete`, { token: officer, body: { outcome: 'accept', comment: '同意，理由略' } })).status).toBe(200);
    const timeline = (await t.api('GET', `/api/cases/${id}/timeline`, { token: grid })).body.items as Array<{ type: string; action?: string; actorId: string | null; comment?: string }>;
    const overview = (await t.api('GET', `/api/cases/${id}/overview`, { token: grid })).body as { trail: Array<{ by: string; decision: string; comment: string | null }>; state: string };
    return { act: timeline.find((e) => e.type === 'task.act')!, trail: overview.trail[0]!, state: overview.state };
  }

  it('shows who voted and the outcome, not the choice or its comment', async () => {
    const r = await voted(true);
    expect(r.act).toMatchObject({ actorId: 'u-officer', action: 'voted' });
    expect(r.act.comment).toBeUndefined();
    expect(r.trail).toMatchObject({ by: 'u-officer', decision: 'voted', comment: null });
    expect(r.state).toBe('review');
  });

  it('shows the choice when the ballot is open', async () => {
    const r = await voted(false);
    expect(r.act).toMatchObject({ actorId: 'u-officer', action: 'accept', comment: '同意，理由略' });
    expect(r.trail).toMatchObject({ by: 'u-officer', decision: 'accept' });
  });
});
