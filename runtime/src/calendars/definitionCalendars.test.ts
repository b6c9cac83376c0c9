/**
 * The definition's `calendar` is honoured by the runtime: two items that differ only in the
 * calendar they name, started at the same instant just before National Day, get different due
 * dates (the autonomous-county example closes 8–9 October, so its deadline runs on to the 调休
 * make-up Saturday 10 October); task rows, timers, the queue, the case overview and the case list
 * all count on the item's calendar and say which one; an unknown calendar is refused by lint and
 * at publish with `lint.unknown-calendar` at `/calendar`.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestRuntime, GRID1, tinyIncident, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';

const local = (s: string) => Date.parse(s + '+08:00');
/** Wednesday 30 September 2026, 16:00 in the county: 1.5 working hours left before the National Day holiday (1–7 October). */
const START = local('2026-09-30T16:00:00');
const report = { description: '路灯损坏', reporterName: '张三丰', reporterPhone: '13812341234', idNumber: '51072219800101108X', address: '幸福路12号3栋2单元501室' };

/** tinyIncident under another id, its first task due in 7 working hours (one working day), on `calendar`. */
function item(id: string, calendar?: string): Record<string, unknown> {
  const def = structuredClone(tinyIncident) as { id: string; calendar?: string; title: Record<string, string>; states: Record<string, { task?: { sla?: unknown } }> };
  def.id = id;
  def.title = { 'zh-CN': `${def.title['zh-CN']}（${calendar ?? '默认日历'}）`, en: `${def.title.en} (${calendar ?? 'default calendar'})` };
  if (calendar) def.calendar = calendar;
  def.states.accept!.task!.sla = { within: 'PT7H', clock: 'working', warnAt: 0.5 };
  return def;
}

describe.each(testDialects)('the definition’s calendar on %s', (dialect) => {
  let t: TestRuntime;
  beforeAll(async () => {
    // only Date is faked (timers, sockets and the store run for real): every case starts at START
    vi.useFakeTimers({ toFake: ['Date'], now: START });
    t = await createTestRuntime(dialect);
    await t.rt.definitions.publishBody(item('cal-default'), 'u-admin');
    await t.rt.definitions.publishBody(item('cal-autonomous', 'autonomous-county-example'), 'u-admin');
  }, 120_000); // a fresh MariaDB database migrates 17 steps: slow on a loaded host, so no tight hook limit
  afterAll(async () => {
    await t?.close();
    vi.useRealTimers();
  });

  it('counts each item’s deadlines on its own calendar: same start, different due dates across the holiday and the 调休 day', async () => {
    const grid = await t.token('grid1');
    const ids: Record<string, string> = {};
    for (const def of ['cal-default', 'cal-autonomous']) {
      const r = await t.api('POST', '/api/cases', { token: grid, body: { definitionId: def, orgPath: GRID1, data: report } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      ids[def] = r.body.id;
    }
    const rows = await t.db.knex('tasks').whereIn('case_id', Object.values(ids)).select('case_id', 'due_at', 'warn_at', 'calendar');
    const row = (def: string) => rows.find((x) => x.case_id === ids[def])!;
    // default: 16:00–17:30 on 30 Sep, holiday 1–7 Oct, then 08:30–12:00 and 14:00–16:00 on Thursday 8 Oct
    expect(Number(row('cal-default').due_at)).toBe(local('2026-10-08T16:00:00'));
    expect(row('cal-default').calendar).toBeNull();
    // autonomous example: 8 and 9 Oct are local closures, so the rest falls on Saturday 10 Oct (a 调休 make-up workday)
    expect(Number(row('cal-autonomous').due_at)).toBe(local('2026-10-10T16:00:00'));
    expect(row('cal-autonomous').calendar).toBe('autonomous-county-example');
    // the 预警 point (half way, 3.5 working hours) is on each item's calendar too: 8 Oct 10:30 for both (before the closures bite)
    expect(Number(row('cal-default').warn_at)).toBe(local('2026-10-08T10:30:00'));
    expect(Number(row('cal-autonomous').warn_at)).toBe(local('2026-10-10T10:30:00'));

    // the SLA timers the engine armed fire at those instants
    const timers = await t.db.knex('timers').whereIn('case_id', Object.values(ids)).select('case_id', 'due_at', 'timer_key');
    const dueTimer = (def: string) => timers.filter((x) => x.case_id === ids[def]).map((x) => Number(x.due_at));
    expect(dueTimer('cal-default')).toContain(local('2026-10-08T16:00:00'));
    expect(dueTimer('cal-autonomous')).toContain(local('2026-10-10T16:00:00'));

    // the queue tells each deadline on its calendar and names it, so the workbench counts on the same clock
    const officer = await t.token('officer');
    const queue = await t.api('GET', '/api/tasks/mine?status=pending', { token: officer });
    const task = (def: string) => queue.body.items.find((x: { caseId: string }) => x.caseId === ids[def]);
    expect(task('cal-default').deadline).toMatchObject({ calendar: 'county-default', status: 'on-track', remainingMs: 7 * 3_600_000, dueAt: local('2026-10-08T16:00:00') });
    expect(task('cal-autonomous').deadline).toMatchObject({ calendar: 'autonomous-county-example', status: 'on-track', remainingMs: 7 * 3_600_000, dueAt: local('2026-10-10T16:00:00') });

    // at 10:00 on 9 October the default item's task is overdue by the working time since 16:00 on the 8th
    // (16:00–17:30 and 08:30–10:00: 3 h), while the autonomous one, closed that day, still has the 5.5 working hours
    // it had left when the holiday began (on Saturday 10 October: 08:30–12:00 and 14:00–16:00)
    vi.setSystemTime(local('2026-10-09T10:00:00'));
    // the first token has expired by then (the client caches one per user): sign in again
    const officerLater = (await t.api('POST', '/api/auth/login', { body: { username: 'officer', password: 'Tongban@2025' } })).body.token as string;
    const later = await t.api('GET', '/api/tasks/mine?status=pending', { token: officerLater });
    expect(later.status, JSON.stringify(later.body)).toBe(200);
    const laterOf = (def: string) => later.body.items.find((x: { caseId: string }) => x.caseId === ids[def]).deadline;
    expect(laterOf('cal-default')).toMatchObject({ status: 'overdue', overdueMs: 3 * 3_600_000 });
    expect(laterOf('cal-autonomous')).toMatchObject({ status: 'on-track', remainingMs: 5.5 * 3_600_000 });

    // the case overview and the case list say the same
    const overview = await t.api('GET', `/api/cases/${ids['cal-autonomous']}/overview`, { token: officerLater });
    expect(overview.status, JSON.stringify(overview.body)).toBe(200);
    expect(overview.body.deadline).toMatchObject({ calendar: 'autonomous-county-example', status: 'on-track', dueAt: local('2026-10-10T16:00:00') });
    const list = await t.api('GET', '/api/cases?definitionId=cal-autonomous', { token: officerLater });
    expect(list.body.items[0].deadline).toMatchObject({ calendar: 'autonomous-county-example', remainingMs: 5.5 * 3_600_000 });
    vi.setSystemTime(START);
  });

  it('gives the client every county calendar, and refuses an unknown calendar at lint and at publish with its JSON path', async () => {
    const cfg = await t.api('GET', '/api/client-config');
    expect(cfg.body.calendar.calendars.map((c: { id: string }) => c.id)).toEqual(['county-default', 'autonomous-county-example']);
    const admin = await t.token('admin');
    const bad = item('cal-unknown', 'no-such-calendar');
    const lint = await t.api('POST', '/api/definitions/lint', { token: admin, body: bad });
    expect(lint.body.ok).toBe(false);
    expect(lint.body.diagnostics).toContainEqual(expect.objectContaining({ code: 'lint.unknown-calendar', path: '/calendar' }));
    const known = await t.api('POST', '/api/definitions/lint', { token: admin, body: item('cal-known', 'autonomous-county-example') });
    expect(known.body.diagnostics.filter((d: { code: string }) => d.code === 'lint.unknown-calendar')).toEqual([]);
    const draft = await t.api('POST', '/api/definitions', { token: admin, body: bad });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const published = await t.api('POST', `/api/definitions/cal-unknown/versions/${draft.body.version}/publish`, { token: admin });
    expect(published.status).toBe(422);
    expect(published.body.error.code).toBe('definition.lint-failed');
    expect(published.body.error.details.diagnostics).toContainEqual(expect.objectContaining({ code: 'lint.unknown-calendar', path: '/calendar' }));
  });
});
