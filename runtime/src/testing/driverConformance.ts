/**
 * The conformance suite every jobs driver passes (embedded and BullMQ), on SQLite and MariaDB:
 * SLA warning then breach reach the inbox as time passes, overdue timers fire on start (reconcile),
 * cancelled timers never fire, and two runtimes sharing one database fire each timer exactly once.
 *
 * Time moves on an injected clock. A `tick` driver (embedded) only fires when the suite calls `tick()`
 * on a frozen fake clock, so nothing ever waits. A `wake` driver (BullMQ) wakes itself after *real*
 * delays, so the suite sets a running clock a short lead (`WAKE_LEAD_MS`) before a due time, has the
 * driver re-sync its wake-ups (`reconcile()`), and then waits for the outcome — polling the inbox or
 * the table with a bounded retry loop that fails with what it last saw. No fixed sleep is an
 * assertion and no assertion is on elapsed time.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../createRuntime.ts';
import { openDb } from '../store/createDb.ts';
import { sealAudit } from '../audit/auditStaging.ts';
import { createTimerRunner } from '../jobs/createTimerRunner.ts';
import { createTestRuntime, GRID1, tinyIncident, type TestRuntime } from './testRuntime.ts';
import { testDialects } from './testDbs.ts';
import type { Clock, JobDriver } from '../jobs/JobDriver.ts';
import type { TimerRunner } from '../jobs/createTimerRunner.ts';

/** Makes the driver under test over a runner and a clock. */
export type DriverFactory = (timers: TimerRunner, clock: Clock) => JobDriver;

/** A driver under test: how it is made, and how time moves for it. */
export interface ConformanceTarget {
  name: string;
  /** `tick`: fires only on `tick()` (frozen fake clock); `wake`: wakes itself after real delays (running clock) */
  time: 'tick' | 'wake';
  /** once per dialect: the factory and its cleanup (e.g. a fresh queue, obliterated afterwards) */
  open(): Promise<{ make: DriverFactory; close(): Promise<void> }>;
}

const HOUR = 3_600_000;
/** How far ahead of a due time a `wake` driver's clock is set: the real delay the driver must wake after. */
export const WAKE_LEAD_MS = 300;

/** tiny-incident with a natural-clock SLA on 受理: warning at half time, a reminder on breach. */
export const slaIncident = {
  ...tinyIncident, id: 'sla-incident',
  states: { ...tinyIncident.states, accept: { ...tinyIncident.states.accept, task: { ...tinyIncident.states.accept.task,
    sla: { within: 'PT2H', clock: 'natural', warnAt: 0.5, warnTemplate: 'sla-warning', onBreach: [{ remind: { times: 1, every: 'PT1H', template: 'sla-breach' } }] } } } },
  templates: { ...tinyIncident.templates, 'sla-warning': { 'zh-CN': '即将超时', en: 'Due soon' }, 'sla-breach': { 'zh-CN': '已超时', en: 'Overdue' } },
};

/** A clock tests set: frozen (`tick` drivers) or running in real time from where it was set (`wake` drivers). */
export class TestClock {
  private at = Date.now();
  private setAt = Date.now();
  constructor(readonly running: boolean) {}
  set(at: number): void { this.at = at; this.setAt = Date.now(); }
  readonly now: Clock = () => (this.running ? this.at + (Date.now() - this.setAt) : this.at);
}

/**
 * Waits for `check` to return a value other than undefined: `attempts` polls `everyMs` apart. Fails
 * with `what` and the last value `seen` gave, so a timeout says what was missing.
 */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, seen: () => Promise<unknown> = async () => undefined,
  o: { attempts?: number; everyMs?: number } = {}): Promise<T> {
  const attempts = o.attempts ?? 300;
  for (let i = 0; i < attempts; i++) {
    const v = await check();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, o.everyMs ?? 50));
  }
  throw new Error(`still waiting for ${what} after ${attempts} polls; last seen: ${JSON.stringify(await seen())}`);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function openCase(t: TestRuntime): Promise<string> {
  const r = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'sla-incident', orgPath: GRID1, data: { description: '路灯损坏' } } });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

async function timerRows(t: TestRuntime, caseIds: string[]): Promise<Array<{ case_id: string; purpose: string; status: string; due_at: number }>> {
  const rows = (await t.db.knex('timers').whereIn('case_id', caseIds).orderBy('due_at')) as Array<{ case_id: string; purpose: string; status: string; due_at: number | string }>;
  return rows.map((r) => ({ ...r, due_at: Number(r.due_at) }));
}

async function timerStatuses(t: TestRuntime, caseId: string): Promise<string[]> {
  return (await timerRows(t, [caseId])).map((r) => `${r.purpose}:${r.status}`);
}

async function dueAt(t: TestRuntime, caseId: string, purpose: string): Promise<number> {
  const row = (await timerRows(t, [caseId])).find((r) => r.purpose === purpose);
  if (!row) throw new Error(`case ${caseId} has no ${purpose} timer`);
  return row.due_at;
}

async function inboxTitles(t: TestRuntime, caseId: string): Promise<string[]> {
  await t.rt.dispatch();
  const inbox = await t.api('GET', '/api/notifications', { token: await t.token('officer') });
  return inbox.body.items.filter((n: { caseId: string }) => n.caseId === caseId).map((n: { title: string }) => n.title);
}

async function firedKeys(t: TestRuntime, ids: string[]): Promise<string[]> {
  const events = (await t.db.knex('case_events').whereIn('case_id', ids).where({ type: 'timer.fired' })) as Array<{ case_id: string; payload: string }>;
  return events.map((e) => `${e.case_id}:${(JSON.parse(e.payload) as { timerId: string }).timerId}`);
}

/** Registers the conformance suite for one driver. */
export function describeDriverConformance(target: ConformanceTarget): void {
  const wake = target.time === 'wake';
  describe.each(testDialects)(`${target.name} jobs driver on %s`, (dialect) => {
    let t: TestRuntime;
    let factory: { make: DriverFactory; close(): Promise<void> };
    const clock = new TestClock(wake);
    const made: JobDriver[] = [];
    const make: DriverFactory = (timers, c) => { const d = factory.make(timers, c); made.push(d); return d; };
    beforeAll(async () => {
      factory = await target.open();
      t = await createTestRuntime(dialect);
      await t.rt.definitions.publishBody(slaIncident, 'u-admin');
    });
    afterEach(async () => { await Promise.all(made.splice(0).map((d) => d.stop())); });
    afterAll(async () => {
      await t?.close();
      await factory?.close();
    });

    /**
     * Moves time to `at`. tick: the clock is `at` and the driver ticks (resolves to how many fired).
     * wake: the clock runs from `WAKE_LEAD_MS` before `at` and the driver re-syncs its wake-ups, so
     * what falls due at `at` fires by itself a moment later (resolves to what the re-sync fired: 0).
     */
    async function passTo(driver: JobDriver, at: number): Promise<number> {
      if (!wake) { clock.set(at); return driver.tick(); }
      clock.set(at - WAKE_LEAD_MS);
      return driver.reconcile();
    }

    async function expectInbox(caseId: string, titles: string[]): Promise<void> {
      await eventually(`the officer's inbox for case ${caseId} to read ${JSON.stringify(titles)}`,
        async () => (same(await inboxTitles(t, caseId), titles) ? true : undefined), () => inboxTitles(t, caseId));
    }

    async function expectTimers(caseId: string, statuses: string[]): Promise<void> {
      // a wake driver marks the row `fired` just after the command commits (and its notice is delivered)
      await eventually(`timers of case ${caseId} to be ${JSON.stringify(statuses)}`,
        async () => (same(await timerStatuses(t, caseId), statuses) ? true : undefined), () => timerStatuses(t, caseId));
    }

    it('fires the SLA warning, then the breach, into the inbox as the clock passes due times', async () => {
      const caseId = await openCase(t);
      const [warnAt, breachAt] = [await dueAt(t, caseId, 'sla.warn'), await dueAt(t, caseId, 'sla.due')];
      clock.set(Date.now());
      const driver = make(t.rt.timers, clock.now);
      await driver.start();
      expect(await passTo(driver, warnAt - 0.5 * HOUR)).toBe(0);
      expect(await timerStatuses(t, caseId)).toEqual(['sla.warn:armed', 'sla.due:armed']);
      expect(await passTo(driver, warnAt)).toBe(wake ? 0 : 1);
      await expectInbox(caseId, ['即将超时']); // the rendered template, not its id
      expect(await passTo(driver, breachAt)).toBe(wake ? 0 : 1);
      await expectInbox(caseId, ['已超时', '即将超时']);
      await expectTimers(caseId, ['sla.warn:fired', 'sla.due:fired']);
      await sealAudit(t.db.knex); // commands stage audit entries; the sealer chains them shortly after
      const audit = await t.db.knex('audit_log').where({ case_id: caseId }).pluck('action');
      expect(audit).toEqual(expect.arrayContaining(['sla.warned', 'sla.breached']));
      expect(await firedKeys(t, [caseId])).toHaveLength(2);
    });

    it('reconciles on start: everything overdue fires without a tick', async () => {
      const caseId = await openCase(t);
      clock.set(Date.now() + 3 * HOUR);
      const driver = make(t.rt.timers, clock.now);
      await driver.start();
      expect(await timerStatuses(t, caseId)).toEqual(['sla.warn:fired', 'sla.due:fired']);
      expect(await driver.tick()).toBe(0);
      await expectInbox(caseId, ['已超时', '即将超时']);
    });

    it('never fires a timer the command path cancelled (task done before its deadline)', async () => {
      const caseId = await openCase(t);
      clock.set(Date.now());
      const driver = make(t.rt.timers, clock.now);
      await driver.start(); // a wake driver now holds a wake-up for each of the 受理 timers
      const task = (await t.db.knex('tasks').where({ case_id: caseId, state: 'accept' }).first()) as { id: string };
      const done = await t.api('POST', `/api/tasks/${task.id}/complete`, { token: await t.token('officer'), body: { outcome: 'accept' } });
      expect(done.status).toBe(200);
      // the next step (审核) arms its own SLA; the 受理 timers are cancelled by the command path
      expect((await timerStatuses(t, caseId)).slice(0, 2)).toEqual(['sla.warn:cancelled', 'sla.due:cancelled']);
      await passTo(driver, Date.now() + 3 * HOUR);
      await driver.stop();
      const restarted = make(t.rt.timers, clock.now);
      await restarted.start();
      expect(await restarted.tick()).toBe(0);
      expect(await firedKeys(t, [caseId])).toEqual([]);
      expect((await inboxTitles(t, caseId)).filter((x) => ['即将超时', '已超时'].includes(x))).toEqual([]);
    });

    it('two runtimes sharing the database fire each timer exactly once', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push(await openCase(t));
      const second = await secondRunner(t);
      try {
        const rows = await timerRows(t, ids);
        const warns = rows.filter((r) => r.purpose === 'sla.warn').map((r) => r.due_at);
        const dues = rows.filter((r) => r.purpose === 'sla.due').map((r) => r.due_at);
        const a = make(t.rt.timers, clock.now);
        const b = make(second.timers, clock.now);
        if (!wake) {
          clock.set(Math.max(...dues) + 1);
          const fired = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
          expect(fired.reduce((x, y) => x + y, 0)).toBe(ids.length * 2);
        } else {
          // the warnings are overdue when both start at once (two reconciles race for them) ...
          clock.set(Math.max(...warns) + 1);
          await Promise.all([a.start(), b.start()]);
          expect(await firedKeys(t, ids)).toHaveLength(ids.length);
          // ... the deadlines fall due while both run, each with a worker on the one queue
          await passTo(a, Math.min(...dues));
          await b.reconcile();
          await eventually(`${ids.length * 2} timer.fired events`, async () => ((await firedKeys(t, ids)).length >= ids.length * 2 ? true : undefined),
            async () => (await timerRows(t, ids)).map((r) => `${r.purpose}:${r.status}`));
          await eventually('every timer row marked fired', async () => ((await timerRows(t, ids)).every((r) => r.status === 'fired') ? true : undefined),
            async () => (await timerRows(t, ids)).map((r) => `${r.purpose}:${r.status}`));
          expect((await Promise.all([a.tick(), b.tick()])).reduce((x, y) => x + y, 0)).toBe(0);
        }
        const keys = await firedKeys(t, ids);
        expect(keys).toHaveLength(ids.length * 2);
        expect(new Set(keys).size).toBe(keys.length);
      } finally {
        await Promise.all(made.splice(0).map((d) => d.stop()));
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
