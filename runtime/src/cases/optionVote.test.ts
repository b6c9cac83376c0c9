/**
 * 多方案无记名表决 through the API: voters choose among the case's options; with the ballot secret no
 * reader — another voter, the convener, an auditor — finds who chose what in task rows, the case
 * timeline, the trail or the audit log; only the tally per option is written to the case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, tinyIncident, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';

const t2 = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const choice = (i: number) => ({ title: t2(`投方案${i}`, `Option ${i}`), kind: 'approve' });

/** tiny-incident whose 受理 is a vote of the grid workers the convener names between the options the convener lists. */
const optionVote = {
  ...tinyIncident, id: 'option-vote',
  data: { ...tinyIncident.data, properties: { ...tinyIncident.data.properties,
    options: { type: 'array', 'x-pii': 'none', items: { type: 'string', minLength: 1, maxLength: 50 }, minItems: 2, maxItems: 3 },
    secret: { type: 'boolean', 'x-pii': 'none' },
    voters: { type: 'array', 'x-pii': 'none', items: { type: 'string' }, 'x-widget': 'user-picker' },
    tally: { type: 'object', 'x-pii': 'none', readOnly: true } } },
  forms: { ...tinyIncident.forms, report: { ...tinyIncident.forms.report, fields: [...tinyIncident.forms.report.fields, 'options', 'secret', 'voters'] } },
  states: { ...tinyIncident.states, accept: { ...tinyIncident.states.accept, task: {
    assignee: { pick: 'initiator', field: 'data.voters' }, mode: 'vote',
    vote: { threshold: 0.5, strict: true, abstain: 'exclude', quorum: 0.5, secretField: 'data.secret',
      options: { field: 'data.options', choices: ['choice_1', 'choice_2', 'choice_3'], pass: 'accept', fail: 'void', result: 'data.tally' } },
    decisions: { choice_1: choice(1), choice_2: choice(2), choice_3: choice(3), abstain: { title: t2('弃权', 'Abstain'), kind: 'abstain' },
      accept: { title: t2('通过', 'Passed'), kind: 'approve' }, void: { title: t2('未通过', 'Failed'), kind: 'reject' } } },
  on: { accept: { target: 'review' }, void: { target: 'voided' } } } },
};

const SECRET_REASON = '我选方案二，因为楼下噪音';
/** A choice shown anywhere a decision, outcome or action is reported. */
const revealed = /"(outcome|decision|action)":"choice_\d"/;

describe.each(testDialects)('votes between options on %s', (dialect) => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    await t.rt.definitions.publishBody(optionVote, 'u-admin');
  }, 120_000);
  afterAll(async () => t?.close());

  async function readEverything(id: string, taskIds: string[]): Promise<Record<string, string>> {
    const readers = { voter: await t.token('grid2'), convener: await t.token('officer'), auditor: await t.token('admin') };
    const out: Record<string, string> = {};
    for (const [who, token] of Object.entries(readers)) {
      const parts = [
        await t.api('GET', `/api/cases/${id}`, { token }), await t.api('GET', `/api/cases/${id}/timeline`, { token }),
        await t.api('GET', `/api/cases/${id}/overview`, { token }), await t.api('GET', `/api/audit?caseId=${id}`, { token }),
        await t.api('GET', '/api/tasks?status=done&limit=200', { token }), await t.api('GET', '/api/tasks/mine?status=done&limit=200', { token }),
        ...(await Promise.all(taskIds.map((x) => t.api('GET', `/api/tasks/${x}`, { token })))),
        ...(who === 'auditor' ? [await t.api('GET', '/api/admin/audit?limit=200', { token })] : []),
      ];
      out[who] = JSON.stringify(parts.map((p) => p.body));
    }
    return out;
  }

  it('tallies per option and keeps a secret ballot out of every surface a reader sees', async () => {
    const officer = await t.token('officer');
    const id = (await t.api('POST', '/api/cases', { token: officer, body: { definitionId: 'option-vote', orgPath: GRID1, data: { description: '楼道改造方案表决', options: ['方案一', '方案二'], secret: true, voters: ['u-grid1', 'u-grid2'] } } })).body.id as string;
    const tasks = (await t.db.knex('tasks').where({ case_id: id, state: 'accept', status: 'pending' }).select('id', 'assignee')) as Array<{ id: string; assignee: string }>;
    expect(tasks.map((x) => x.assignee).sort()).toEqual(['u-grid1', 'u-grid2']);
    const of = (u: string) => tasks.find((x) => x.assignee === u)!.id;
    const grid1 = await t.token('grid1');
    const grid2 = await t.token('grid2');
    // option 3 is not on this ballot; the outcome itself is not a ballot
    const beyond = await t.api('POST', `/api/tasks/${of('u-grid1')}/complete`, { token: grid1, body: { outcome: 'choice_3' } });
    expect([beyond.status, beyond.body.error.code]).toEqual([422, 'task.vote-invalid-choice']);
    expect(JSON.stringify(beyond.body.error.details)).toContain('run.vote-no-such-option');
    const direct = await t.api('POST', `/api/tasks/${of('u-grid1')}/complete`, { token: grid1, body: { outcome: 'accept' } });
    expect([direct.body.error.code, JSON.stringify(direct.body.error.details)]).toEqual(['task.vote-invalid-choice', expect.stringContaining('run.vote-not-a-choice')]);
    const actions = (await t.api('GET', `/api/cases/${id}/actions`, { token: grid1 })).body.items as Array<{ name: string }>;
    expect(actions.map((a) => a.name)).toEqual(expect.arrayContaining(['choice_1', 'choice_2', 'abstain']));
    expect(actions.map((a) => a.name)).not.toContain('choice_3');
    expect(actions.map((a) => a.name)).not.toContain('accept');

    expect((await t.api('POST', `/api/tasks/${of('u-grid1')}/complete`, { token: grid1, body: { outcome: 'choice_2', comment: SECRET_REASON } })).status).toBe(200);
    expect((await t.api('POST', `/api/tasks/${of('u-grid2')}/complete`, { token: grid2, body: { outcome: 'choice_2' } })).status).toBe(200);
    const view = (await t.api('GET', `/api/cases/${id}`, { token: officer })).body as { state: string; data: { tally: unknown } };
    expect(view.state).toBe('review');
    expect(view.data.tally).toEqual({ options: [{ option: '方案一', votes: 0, weight: 0 }, { option: '方案二', votes: 2, weight: 2 }], abstained: 0, cast: 2, electorate: 2, quorumMet: true, winner: 1, winnerText: '方案二', voters: ['u-grid1', 'u-grid2'] });

    const seen = await readEverything(id, tasks.map((x) => x.id));
    for (const [who, text] of Object.entries(seen)) {
      expect(text, who).not.toMatch(revealed);
      expect(text, who).not.toContain(SECRET_REASON);
    }
    expect(seen.convener).toContain('"decision":"voted"');
    expect(seen.auditor).toContain('"decision":"voted"');
  });

  it('shows each choice when the ballot is open (the same reads)', async () => {
    const officer = await t.token('officer');
    const id = (await t.api('POST', '/api/cases', { token: officer, body: { definitionId: 'option-vote', orgPath: GRID1, data: { description: '公开表决', options: ['方案一', '方案二', '方案三'], secret: false, voters: ['u-grid1', 'u-grid2'] } } })).body.id as string;
    const tasks = (await t.db.knex('tasks').where({ case_id: id, state: 'accept', status: 'pending' }).select('id', 'assignee')) as Array<{ id: string; assignee: string }>;
    const of = (u: string) => tasks.find((x) => x.assignee === u)!.id;
    expect((await t.api('POST', `/api/tasks/${of('u-grid1')}/complete`, { token: await t.token('grid1'), body: { outcome: 'choice_1', comment: '公开理由' } })).status).toBe(200);
    expect((await t.api('POST', `/api/tasks/${of('u-grid2')}/complete`, { token: await t.token('grid2'), body: { outcome: 'choice_3' } })).status).toBe(200);
    const view = (await t.api('GET', `/api/cases/${id}`, { token: officer })).body as { state: string; data: { tally: { winner: number | null } } };
    // one ballot each for two options: none has a majority, the vote fails
    expect([view.state, view.data.tally.winner]).toEqual(['voided', null]);
    const seen = await readEverything(id, tasks.map((x) => x.id));
    expect(seen.convener).toMatch(revealed);
    expect(seen.convener).toContain('公开理由');
  });
});
