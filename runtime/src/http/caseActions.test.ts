import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, tinyIncident, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';

describe.each(testDialects)('case actions and definition lint on %s', (dialect) => {
  let t: TestRuntime;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    caseId = (await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: 'x' } } })).body.id;
  });
  afterAll(async () => t.close());

  const actions = async (user: string) => t.api('GET', `/api/cases/${caseId}/actions`, { token: await t.token(user) });

  it('gives the task holder its decisions and operations, others in scope nothing, others 404', async () => {
    const officer = await actions('officer');
    expect(officer.status).toBe(200);
    const names = officer.body.items.map((a: { kind: string; name: string }) => `${a.kind}:${a.name}`);
    expect(names).toEqual(expect.arrayContaining(['decision:accept', 'decision:void', 'operation:transfer', 'operation:delegate', 'operation:copy']));
    expect(officer.body.items.find((a: { name: string }) => a.name === 'void').requires).toEqual(['comment']);
    expect(officer.body.version).toBe(1);
    expect((await actions('reviewer.east')).body.items).toEqual([]);
    expect((await actions('grid3')).status).toBe(404);
  });

  it('moves on with the case: after 受理 the reviewer holds 审核', async () => {
    const task = (await t.db.knex('tasks').where({ case_id: caseId }).first()) as { id: string };
    expect((await t.api('POST', `/api/tasks/${task.id}/complete`, { token: await t.token('officer'), body: { outcome: 'accept' } })).status).toBe(200);
    expect((await actions('officer')).body.items.map((a: { name: string }) => a.name)).not.toContain('accept');
    expect((await actions('reviewer.east')).body.items.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(['approve', 'return']));
  });

  it('lints a definition with the engine: clean passes, an unreachable state is reported', async () => {
    const admin = await t.token('admin');
    const clean = await t.api('POST', '/api/definitions/lint', { token: admin, body: tinyIncident });
    expect(clean.status).toBe(200);
    expect(clean.body.ok).toBe(true);
    const orphan = { ...tinyIncident, states: { ...tinyIncident.states, orphan: { type: 'final', outcome: 'closed' } } };
    const r = await t.api('POST', '/api/definitions/lint', { token: admin, body: orphan });
    expect(r.status).toBe(200);
    expect(r.body.diagnostics.map((d: { code: string; path: string }) => d.code)).toContain('lint.unreachable-state');
  });
});
