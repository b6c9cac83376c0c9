/**
 * Issue 7.5 — publishing lints the draft and refuses errors: a template reaching for prototypes was
 * only a lint finding, so a draft carrying one could go live. Since the engine's load refuses such a
 * template (definition/attackSurface.ts), the draft is not even saved; publishing still lints.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, tinyIncident, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';

const hostile = { ...tinyIncident, id: 'hostile-template', templates: { ...tinyIncident.templates, closed: { 'zh-CN': '{{constructor.constructor}}', en: 'x' } } };
const unknownField = { ...tinyIncident, id: 'unknown-field', states: { ...tinyIncident.states, accept: { ...tinyIncident.states.accept, task: { ...tinyIncident.states.accept.task, fields: { nope: 'write' } } } } };

const done = { type: 'final' as const, outcome: 'done' };
/** Waits for a tiny incident it starts without the description the child's intake requires. */
const childMissingInput = { ...tinyIncident, id: 'child-missing-input', initial: 'waiting',
  states: { waiting: { subcase: { definition: 'tiny-incident', input: { reporterPhone: { var: 'data.reporterPhone' } } }, on: { 'subcase.done': { target: 'resumed' } } }, resumed: done } };
/** Names a calendar the deployment does not have. */
const unknownCalendar = { ...tinyIncident, id: 'unknown-calendar', calendar: 'no-such-calendar' };

describe.each(testDialects)('publish on %s', (dialect) => {
  let t: TestRuntime;
  beforeAll(async () => { t = await createTestRuntime(dialect); }, 60_000); // a runtime on MariaDB, on a shared machine
  afterAll(async () => t.close());

  it('refuses to save a draft whose template reaches for prototypes (a load error)', async () => {
    const r = await t.api('POST', '/api/definitions', { token: await t.token('admin'), body: hostile });
    expect(r.status).toBe(422);
    expect(JSON.stringify(r.body.error)).toContain('template.forbidden-path');
    const v = await t.api('GET', `/api/definitions/${hostile.id}`, { token: await t.token('admin') });
    expect(v.status).toBe(404);
  });

  it.each([['a field the data does not have', unknownField, 'lint.unknown-field'],
    ['a sub-case input the published child’s intake would refuse', childMissingInput, 'lint.spawn-input-missing'],
    ['a calendar the deployment does not have', unknownCalendar, 'lint.unknown-calendar']])('refuses %s with the lint diagnostics, and the draft stays a draft', async (_what, body, code) => {
    const admin = await t.token('admin');
    const draft = await t.api('POST', '/api/definitions', { token: admin, body });
    expect(draft.status).toBe(201);
    const r = await t.api('POST', `/api/definitions/${body.id}/versions/${draft.body.version}/publish`, { token: admin });
    expect({ status: r.status, code: r.body.error.code }).toEqual({ status: 422, code: 'definition.lint-failed' });
    expect(r.body.error.details.diagnostics.map((d: { code: string }) => d.code)).toContain(code);
    expect(r.body.error.details.diagnostics[0].path).toMatch(/^\//);
    const v = await t.api('GET', `/api/definitions/${body.id}/versions/${draft.body.version}`, { token: admin });
    expect(v.body.status).toBe('draft');
    // a service item that exists only as a draft starts no case: not published (409), where an id never saved is not found (404)
    const c = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: body.id, orgPath: GRID1, data: { description: 'x' } } });
    expect({ status: c.status, code: c.body.error.code }).toEqual({ status: 409, code: 'definition.not-published' });
  });
});
