/**
 * Publishing from the designer with running cases: the impact of the unsaved draft on the running
 * cases of the published version, a preview of a state mapping (nothing written), then the move of
 * the mappable cases in one audited operation while the unmappable one stays on its version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, tinyIncident, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';

/** Version 2 as the designer holds it: `accept` renamed `intake_review`, `review` renamed `township_review`. */
function draft(): Record<string, any> {
  const d = structuredClone(tinyIncident) as Record<string, any>;
  const { accept, review, ...rest } = d.states;
  accept.on.accept.target = 'township_review';
  d.states = { intake_review: accept, township_review: review, ...rest };
  d.initial = 'intake_review';
  return d;
}

describe.each(testDialects)('designer impact and migration on %s', (dialect) => {
  let t: TestRuntime;
  let admin: string;
  let waiting: string; // in accept: maps to intake_review
  let reviewed: string; // in review: no mapping given, so it stays on version 1
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    admin = await t.token('admin');
    const grid1 = await t.token('grid1');
    const ids: string[] = [];
    for (const description of ['一号', '二号']) {
      const r = await t.api('POST', '/api/cases', { token: grid1, body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description } } });
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    [waiting, reviewed] = ids as [string, string];
    const task = await t.db.knex('tasks').where({ case_id: reviewed, status: 'pending' }).first();
    expect((await t.api('POST', `/api/tasks/${task.id}/complete`, { token: await t.token('officer'), body: { outcome: 'accept' } })).status).toBe(200);
  }, 60_000);
  afterAll(async () => t.close());

  it('offers the shared libraries (templates and roles an item takes with `uses`) to the notify picker', async () => {
    const r = await t.api('GET', '/api/designer/libraries', { token: admin });
    expect(r.status).toBe(200);
    const common = r.body.items.find((l: { id: string }) => l.id === 'common');
    expect(common.templates.overdue_reminder['zh-CN']).toContain('催办');
    expect(Object.keys(common.roles)).toContain('grid-worker');
    expect((await t.api('GET', '/api/designer/libraries', { token: await t.token('officer') })).status).toBe(403);
  });

  it('reports the impact of the unsaved draft on the running cases of version 1 (county admins only)', async () => {
    const officer = await t.api('POST', '/api/designer/drafts/tiny-incident/impact', { token: await t.token('officer'), body: { definition: draft() } });
    expect(officer.status).toBe(403);
    const r = await t.api('POST', '/api/designer/drafts/tiny-incident/impact', { token: admin, body: { definition: draft() } });
    expect(r.status).toBe(200);
    expect([r.body.from, r.body.to]).toEqual([1, 2]);
    const byId = Object.fromEntries(r.body.cases.map((c: { caseId: string }) => [c.caseId, c]));
    expect(byId[waiting]).toMatchObject({ state: 'accept', replayedState: 'intake_review', changesState: true, tasks: { lost: ['accept'], gained: ['intake_review'] } });
    expect(byId[reviewed]).toMatchObject({ state: 'review', replayedState: 'township_review', changesState: true });
    const broken = await t.api('POST', '/api/designer/drafts/tiny-incident/impact', { token: admin, body: { definition: { ...draft(), initial: 'nowhere' } } });
    expect(broken.status).toBe(422);
    expect(broken.body.error.code).toBe('definition.lint-failed'); // a draft the compiler cannot build: the admin's to fix, not a 500
  });

  it('previews a mapping: where each case would go, or why it would stay; nothing is written', async () => {
    const before = await t.db.knex('case_events').count({ n: '*' }).first();
    const r = await t.api('POST', '/api/designer/drafts/tiny-incident/migration-preview', { token: admin, body: { definition: draft(), from: 1, cases: [waiting, reviewed], mapping: { states: { accept: 'intake_review' } } } });
    expect(r.status).toBe(200);
    const [a, b] = r.body.cases;
    expect(a).toMatchObject({ caseId: waiting, ok: true, state: 'accept', newState: 'intake_review', tasks: { kept: [expect.any(String)] } });
    expect(b).toMatchObject({ caseId: reviewed, ok: false, state: 'review' });
    expect(b.diagnostics[0].code).toBe('migrate.state-unmapped');
    expect(await t.db.knex('case_events').count({ n: '*' }).first()).toEqual(before);
    expect((await t.db.knex('cases').where({ id: waiting }).first()).state).toBe('accept');
  });

  it('after publishing, moves the mappable case in one audited operation and leaves the other on version 1', async () => {
    const saved = await t.api('PUT', '/api/designer/drafts/tiny-incident', { token: admin, body: { definition: draft(), baseRevision: 0 } });
    expect(saved.status).toBe(200);
    const published = await t.api('POST', '/api/designer/drafts/tiny-incident/publish', { token: admin, body: { revision: saved.body.revision } });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.version).toBe(2);
    const body = { from: 1, cases: [waiting, reviewed], mapping: { states: { accept: 'intake_review' } } };
    const strict = await t.api('POST', '/api/definitions/tiny-incident/versions/2/migration', { token: admin, body });
    expect(strict.status).toBe(422); // without leaveUnmappable it stays all or nothing
    const r = await t.api('POST', '/api/definitions/tiny-incident/versions/2/migration', { token: admin, body: { ...body, leaveUnmappable: true } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.migrated.map((m: { caseId: string }) => m.caseId)).toEqual([waiting]);
    expect(r.body.left).toMatchObject([{ caseId: reviewed, diagnostics: [{ code: 'migrate.state-unmapped' }] }]);
    const rows = await t.db.knex('cases').whereIn('id', [waiting, reviewed]).select('id', 'definition_version', 'state');
    const now = Object.fromEntries(rows.map((x: { id: string; definition_version: number; state: string }) => [x.id, [Number(x.definition_version), x.state]]));
    expect(now).toEqual({ [waiting]: [2, 'intake_review'], [reviewed]: [1, 'review'] });
    expect((await t.api('GET', '/api/audit/verify', { token: admin })).status).toBe(200);
    const audit = await t.api('GET', '/api/audit?limit=50', { token: admin });
    const summary = audit.body.items.filter((a: { action: string }) => a.action === 'definition.cases-migrated');
    expect(summary).toHaveLength(1);
    expect(summary[0].detail).toMatchObject({ definitionId: 'tiny-incident', fromVersion: 1, toVersion: 2, migrated: [waiting], left: [reviewed] });
  });
});
