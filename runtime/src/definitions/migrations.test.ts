/**
 * Running cases and a new version, through the API: a dry run replays the running cases' logs on a
 * draft (which would move, lose or gain tasks), and a mapping moves chosen cases to the published
 * version in one audited, all-or-nothing operation. County admins only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, tinyIncident, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';

/** Version 2 of the tiny incident: the first step is renamed `intake_review`. */
function renamed(): Record<string, unknown> {
  const d = structuredClone(tinyIncident);
  d.states = { intake_review: d.states.accept, ...Object.fromEntries(Object.entries(d.states).filter(([k]) => k !== 'accept')) };
  d.initial = 'intake_review';
  return d;
}

describe.each(testDialects)('migrating running cases on %s', (dialect) => {
  let t: TestRuntime;
  let admin: string;
  const cases: string[] = [];
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    admin = await t.token('admin');
    const grid1 = await t.token('grid1');
    for (const description of ['一号', '二号']) {
      const r = await t.api('POST', '/api/cases', { token: grid1, body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description } } });
      expect(r.status).toBe(201);
      cases.push(r.body.id);
    }
    const draft = await t.api('POST', '/api/definitions', { token: admin, body: renamed() });
    expect(draft.status).toBe(201);
    expect(draft.body.version).toBe(2);
  }, 60_000);
  afterAll(async () => t.close());

  it('dry-runs the draft against the running cases of version 1: each would be in another step, its task there', async () => {
    const officer = await t.api('POST', '/api/definitions/tiny-incident/versions/2/migration/dry-run', { token: await t.token('officer'), body: {} });
    expect(officer.status).toBe(403);
    const r = await t.api('POST', '/api/definitions/tiny-incident/versions/2/migration/dry-run', { token: admin, body: {} });
    expect(r.status).toBe(200);
    expect(r.body.from).toBe(1);
    expect(r.body.cases.map((c: { caseId: string }) => c.caseId).sort()).toEqual([...cases].sort());
    for (const c of r.body.cases) expect(c).toMatchObject({ state: 'accept', replayedState: 'intake_review', changesState: true, tasks: { lost: ['accept'], gained: ['intake_review'] } });
  });

  it('moves chosen cases with a mapping, all or nothing, audited; the task follows and runs on version 2', async () => {
    expect((await t.api('POST', '/api/definitions/tiny-incident/versions/2/publish', { token: admin })).status).toBe(200);
    const body = { from: 1, cases: [cases[0], 'no-such-case'], mapping: { states: { accept: 'intake_review' } } };
    const refused = await t.api('POST', '/api/definitions/tiny-incident/versions/2/migration', { token: admin, body });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('definition.migration-refused');
    expect((await t.db.knex('cases').where({ id: cases[0] }).first()).definition_version).toBe(1);
    const unmapped = await t.api('POST', '/api/definitions/tiny-incident/versions/2/migration', { token: admin, body: { from: 1, cases } });
    expect(unmapped.body.error.details.cases[0].diagnostics[0].code).toBe('migrate.state-unmapped');
    const ok = await t.api('POST', '/api/definitions/tiny-incident/versions/2/migration', { token: admin, body: { ...body, cases } });
    expect(ok.status).toBe(200);
    expect(ok.body.migrated.map((m: { report: { tasks: { kept: string[] } } }) => m.report.tasks.kept.length)).toEqual([1, 1]);
    for (const id of cases) {
      const row = await t.db.knex('cases').where({ id }).first();
      expect([Number(row.definition_version), row.state]).toEqual([2, 'intake_review']);
      const task = await t.db.knex('tasks').where({ case_id: id, status: 'pending' }).first();
      expect(task.state).toBe('intake_review');
      const events = await t.db.knex('case_events').where({ case_id: id }).orderBy('seq');
      expect(events.at(-1).type).toBe('case.migrated');
    }
    // on MariaDB commands stage audit entries and a sealer chains them; verifying seals what is pending
    expect((await t.api('GET', '/api/audit/verify', { token: admin })).status).toBe(200);
    const audit = await t.api('GET', '/api/audit?limit=50', { token: admin });
    expect(audit.body.items.filter((a: { action: string }) => a.action === 'case.migrated')).toHaveLength(2);
    const task = await t.db.knex('tasks').where({ case_id: cases[0], status: 'pending' }).first();
    const officer = await t.token('officer');
    expect((await t.api('POST', `/api/tasks/${task.id}/complete`, { token: officer, body: { outcome: 'accept' } })).status).toBe(200);
    expect((await t.db.knex('cases').where({ id: cases[0] }).first()).state).toBe('review');
  });
});
