/**
 * The conformance suite every jobs driver passes (embedded now, BullMQ later): timers fire once
 * their due time passes on an injected clock (never by waiting), reconcile on start, cancelled
 * timers never fire, and two runtimes sharing one database fire each timer exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../createRuntime.ts';
import { openDb } from '../store/createDb.ts';
import { sealAudit } from '../audit/auditStaging.ts';
import { createTimerRunner } from './createTimerRunner.ts';
import { createTestRuntime, GRID1, tinyIncident, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';
import type { Clock, JobDriver } from './JobDriver.ts';
import type { TimerRunner } from './createTimerRunner.ts';

/** Makes the driver under test over a runner and a clock. */
export type DriverFactory = (timers: TimerRunner, clock: Clock) => JobDriver;

const HOUR = 3_600_000;

/** tiny-incident with a natural-clock SLA on 受理: warning at half time, a reminder on breach. */
export const slaIncident = {
  ...tinyIncident, id: 'sla-incident',
  states: { ...tinyIncident.states, accept: { ...tinyIncident.states.accept, task: { ...tinyIncident.states.accept.task,
    sla: { within: 'PT2H', clock: 'natural', warnAt: 0.5, warnTemplate: 'sla-warning', onBreach: [{ remind: { times: 1, every: 'PT1H', template: 'sla-breach' } }] } } } },
  templates: { ...tinyIncident.templates, 'sla-warning': { 'zh-CN': '即将超时', en: 'Due soon' }, 'sla-breach': { 'zh-CN': '已超时', en: 'Overdue' } },
};

async function openCase(t: TestRuntime): Promise<string> {
  const r = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'sla-incident', orgPath: GRID1, data: { description: '路灯损坏' } } });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

async function timerStatuses(t: TestRuntime, caseId: string): Promise<string[]> {
  const rows = (await t.db.knex('timers').where({ case_id: caseId }).orderBy('due_at')) as Array<{ purpose: string; status: string }>;
  return rows.map((r) => `${r.purpose}:${r.status}`);
}

/** Registers the conformance suite for one driver. */
export function describeDriverConformance(name: string, factory: DriverFactory): void {
  describe.each(testDialects)(`${name} jobs driver on %s`, (dialect) => {
    let t: TestRuntime;
    const clock = { now: Date.now() };
    beforeAll(async () => {
      t = await createTestRuntime(dialect);
      await t.rt.definitions.publishBody(slaIncident, 'u-admin');
    });
    afterAll(async () => t.close());

    it('fires the SLA warning, then the breach, into the inbox as the clock passes due times', async () => {
      const caseId = await openCase(t);
      clock.now = Date.now();
      const driver = factory(t.rt.timers, () => clock.now);
      await driver.start();
      clock.now += 0.5 * HOUR;
      expect(await driver.tick()).toBe(0);
      clock.now += 0.6 * HOUR;
      expect(await driver.tick()).toBe(1);
      await t.rt.dispatch();
      const officer = await t.token('officer');
      const inbox1 = await t.api('GET', '/api/notifications', { token: officer });
      expect(inbox1.body.items.filter((n: { caseId: string }) => n.caseId === caseId).map((n: { title: string }) => n.title)).toEqual(['sla-warning']);
      clock.now += 1 * HOUR;
      expect(await driver.tick()).toBe(1);
      await t.rt.dispatch();
      const inbox2 = await t.api('GET', '/api/notifications', { token: officer });
      expect(inbox2.body.items.filter((n: { caseId: string }) => n.caseId === caseId).map((n: { title: string }) => n.title)).toEqual(['sla-breach', 'sla-warning']);
      expect(await timerStatuses(t, caseId)).toEqual(['sla.warn:fired', 'sla.due:fired']);
      await sealAudit(t.db.knex); // commands stage audit entries; the sealer chains them shortly after
      const audit = await t.db.knex('audit_log').where({ case_id: caseId }).pluck('action');
      expect(audit).toEqual(expect.arrayContaining(['sla.warned', 'sla.breached']));
      await driver.stop();
    });

    it('reconciles on start: everything overdue fires without a tick', async () => {
      const caseId = await openCase(t);
      clock.now = Date.now() + 3 * HOUR;
      const driver = factory(t.rt.timers, () => clock.now);
      await driver.start();
      expect(await timerStatuses(t, caseId)).toEqual(['sla.warn:fired', 'sla.due:fired']);
      expect(await driver.tick()).toBe(0);
      await driver.stop();
    });

    it('never fires a timer the command path cancelled (task done before its deadline)', async () => {
      const caseId = await openCase(t);
      const task = (await t.db.knex('tasks').where({ case_id: caseId, state: 'accept' }).first()) as { id: string };
      const done = await t.api('POST', `/api/tasks/${task.id}/complete`, { token: await t.token('officer'), body: { outcome: 'accept' } });
      expect(done.status).toBe(200);
      // the next step (审核) arms its own SLA; the 受理 timers are cancelled by the command path
      expect((await timerStatuses(t, caseId)).slice(0, 2)).toEqual(['sla.warn:cancelled', 'sla.due:cancelled']);
      clock.now = Date.now() + 3 * HOUR;
      const driver = factory(t.rt.timers, () => clock.now);
      await driver.start();
      expect(await t.db.knex('case_events').where({ case_id: caseId, type: 'timer.fired' }).count({ n: '*' })).toEqual([{ n: 0 }]);
      await driver.stop();
    });

    it('two runtimes sharing the database fire each timer exactly once', async () => {
      const ids = [];
      for (let i = 0; i < 6; i++) ids.push(await openCase(t));
      const second = await secondRunner(t);
      try {
        clock.now = Date.now() + 3 * HOUR;
        const a = factory(t.rt.timers, () => clock.now);
        const b = factory(second.timers, () => clock.now);
        const fired = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
        expect(fired.reduce((x, y) => x + y, 0)).toBe(ids.length * 2);
        const events = (await t.db.knex('case_events').whereIn('case_id', ids).where({ type: 'timer.fired' })) as Array<{ case_id: string; payload: string }>;
        const keys = events.map((e) => `${e.case_id}:${(JSON.parse(e.payload) as { timerId: string }).timerId}`);
        expect(keys).toHaveLength(ids.length * 2);
        expect(new Set(keys).size).toBe(keys.length);
        await Promise.all([a.stop(), b.stop()]);
      } finally {
        await second.close();
      }
    });
  });
}

/**
 * A second claimant. MariaDB: a second runtime with its own pool, as two servers would be. SQLite is
 * single-node (one writer; better-sqlite3 waits synchronously on a locked file), so there the second
 * claimant is a second runner in the same process.
 */
async function secondRunner(t: TestRuntime): Promise<{ timers: TimerRunner; close(): Promise<void> }> {
  if (!t.db.databaseUrl) return { timers: createTimerRunner({ knex: t.db.knex, commands: t.rt.commands }), close: async () => {} };
  const rt: Runtime = await createRuntime(t.rt.config, { db: openDb({ databaseUrl: t.db.databaseUrl }), logger: t.rt.logger, jobs: 'off' });
  return { timers: rt.timers, close: () => rt.close() };
}
