/**
 * The BullMQ driver on the real Redis (`TONGBAN_TEST_REDIS`, default redis://127.0.0.1:6379): the
 * conformance suite (SQLite and MariaDB), then the parts only this driver has — one delayed job per
 * timer from the runtime's own command path (`TONGBAN_JOBS=bullmq`), removal on cancel, stale and
 * early jobs, a rung armed by a firing, and a clear failure when Redis cannot be reached. Every
 * queue is `tongban-test-<random>` and is obliterated afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/loadConfig.ts';
import { createRuntime, type Runtime } from '../createRuntime.ts';
import { seedCounty } from '../seed/seedCounty.ts';
import { createTestDb, type TestDb } from '../testing/testDbs.ts';
import { GRID1, tinyCounty } from '../testing/testRuntime.ts';
import { createBullmqDriver, obliterateQueue, redisConnection, timerJobId } from './createBullmqDriver.ts';
import { describeDriverConformance, eventually, slaIncident, TestClock, WAKE_LEAD_MS } from '../testing/driverConformance.ts';

const redisUrl = process.env.TONGBAN_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const testQueue = () => `tongban-test-${randomBytes(6).toString('hex')}`;

describeDriverConformance({
  name: 'bullmq', time: 'wake',
  async open() {
    const queueName = testQueue();
    // no safety sweep: every firing here must come from a Redis job (or a reconcile)
    return { make: (runner, clock) => createBullmqDriver({ runner, clock, redisUrl, queueName, sweepMs: 0 }), close: () => obliterateQueue(redisUrl, queueName) };
  },
});

/** Two reminders on breach: the first one arms a rung timer from inside a timer firing. */
const twoReminders = {
  ...slaIncident, id: 'sla-incident-2',
  states: { ...slaIncident.states, accept: { ...slaIncident.states.accept, task: { ...slaIncident.states.accept.task,
    sla: { ...slaIncident.states.accept.task.sla, onBreach: [{ remind: { times: 2, every: 'PT1H', template: 'sla-breach' } }] } } } },
};

describe('bullmq driver selected by configuration (TONGBAN_JOBS=bullmq), SQLite', () => {
  const queueName = testQueue();
  const clock = new TestClock(true);
  let db: TestDb;
  let rt: Runtime;
  let url: string;
  let queue: Queue;
  const tokens = new Map<string, string>();

  async function api(method: string, path: string, o: { user?: string; body?: unknown } = {}): Promise<{ status: number; body: { id?: string; token?: string } }> {
    const headers: Record<string, string> = {};
    if (o.user) {
      if (!tokens.has(o.user)) tokens.set(o.user, String((await api('POST', '/api/auth/login', { body: { username: o.user, password: 'Tongban@2025' } })).body.token));
      headers.authorization = `Bearer ${tokens.get(o.user)}`;
    }
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(url + path, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
    return { status: res.status, body: (await res.json()) as { id?: string; token?: string } };
  }
  async function openCase(definitionId: string): Promise<string> {
    const r = await api('POST', '/api/cases', { user: 'grid1', body: { definitionId, orgPath: GRID1, data: { description: '路灯损坏' } } });
    expect(r.status).toBe(201);
    return r.body.id as string;
  }
  const timers = async (caseId: string) => (await db.knex('timers').where({ case_id: caseId }).orderBy('due_at')) as TimerRow[];
  async function jobState(caseId: string, timerKey: string): Promise<string> {
    const job = await queue.getJob(timerJobId({ caseId, timerKey }));
    return job ? job.getState() : 'none';
  }
  async function jobStates(caseId: string): Promise<string[]> {
    return Promise.all((await timers(caseId)).map(async (r) => `${r.purpose}:${r.status}:${await jobState(caseId, r.timer_key)}`));
  }
  const firedEvents = async (caseId: string) => db.knex('case_events').where({ case_id: caseId, type: 'timer.fired' }).pluck('payload');

  beforeAll(async () => {
    db = await createTestDb('sqlite');
    const config = loadConfig({ TONGBAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'tongban-data-')), PORT: '0', LOG_LEVEL: 'silent',
      TONGBAN_JOBS: 'bullmq', REDIS_URL: redisUrl, TONGBAN_JOBS_QUEUE: queueName });
    rt = await createRuntime(config, { db, logger: pino({ level: 'silent' }), clock: clock.now });
    await seedCounty(db.knex, tinyCounty);
    for (const def of [slaIncident, twoReminders]) await rt.definitions.publishBody(def, 'u-admin');
    await rt.jobs.start();
    url = (await rt.listen(0)).url;
    queue = new Queue(queueName, { connection: redisConnection(redisUrl) });
  });
  afterAll(async () => {
    await queue?.close();
    await rt?.close();
    await db?.dispose();
    await obliterateQueue(redisUrl, queueName);
  });

  it('a created case gets one delayed job per armed timer; completing the task removes them', async () => {
    const caseId = await openCase('sla-incident');
    await eventually('a delayed job for each 受理 timer', async () => (same(await jobStates(caseId), ['sla.warn:armed:delayed', 'sla.due:armed:delayed']) ? true : undefined), () => jobStates(caseId));
    const task = (await db.knex('tasks').where({ case_id: caseId, state: 'accept' }).first()) as { id: string };
    expect((await api('POST', `/api/tasks/${task.id}/complete`, { user: 'officer', body: { outcome: 'accept' } })).status).toBe(200);
    await eventually('cancelled timers without jobs, the 审核 timer with one', async () => (same(await jobStates(caseId), ['sla.warn:cancelled:none', 'sla.due:cancelled:none', 'sla.due:armed:delayed']) ? true : undefined), () => jobStates(caseId));
  });

  it('a stale job (its timer cancelled) runs and changes nothing', async () => {
    const caseId = await openCase('sla-incident');
    const [warn, due] = await timers(caseId) as [TimerRow, TimerRow];
    const task = (await db.knex('tasks').where({ case_id: caseId, state: 'accept' }).first()) as { id: string };
    expect((await api('POST', `/api/tasks/${task.id}/complete`, { user: 'officer', body: { outcome: 'accept' } })).status).toBe(200);
    await eventually('the cancelled timers to lose their jobs', async () => ((await jobState(caseId, warn.timer_key)) === 'none' && (await jobState(caseId, due.timer_key)) === 'none' ? true : undefined));
    clock.set(Number(due.due_at) + 1); // past both deadlines
    for (const t of [warn, due] as const) await queue.add('timer', { caseId, timerKey: t.timer_key, dueAt: Number(t.due_at) }, { jobId: timerJobId({ caseId, timerKey: t.timer_key }), removeOnComplete: true });
    await eventually('both stale jobs processed', async () => ((await jobState(caseId, warn.timer_key)) === 'none' && (await jobState(caseId, due.timer_key)) === 'none' ? true : undefined), () => jobStates(caseId));
    expect(await firedEvents(caseId)).toEqual([]);
    expect((await timers(caseId)).slice(0, 2).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    clock.set(Date.now());
  });

  it('a job that wakes before its row is due goes back to delayed; a rung armed by a firing gets its own job (no sweep needed)', async () => {
    const caseId = await openCase('sla-incident-2');
    const [warn, due] = await timers(caseId) as [TimerRow, TimerRow];
    clock.set(Date.now());
    // wake the warning's job now, an hour early (as a skewed host would): it must wait again, not fire
    await queue.remove(timerJobId({ caseId, timerKey: warn.timer_key }));
    await queue.add('timer', { caseId, timerKey: warn.timer_key, dueAt: Number(warn.due_at) }, { jobId: timerJobId({ caseId, timerKey: warn.timer_key }), removeOnComplete: true });
    await eventually('the early job back in delayed', async () => ((await jobState(caseId, warn.timer_key)) === 'delayed' ? true : undefined), () => jobStates(caseId));
    expect(await firedEvents(caseId)).toEqual([]);
    // the deadline comes: the warning is overdue (the re-sync fires it), the breach fires from its job a moment later
    clock.set(Number(due.due_at) - WAKE_LEAD_MS);
    expect(await rt.jobs.reconcile()).toBe(1);
    // the breach's first reminder arms a rung timer inside the firing command; its hint becomes a job. The engine
    // counts the rung from wall time (meta.at), which this clock is two hours past, so that job runs at once.
    const sorted = async () => (await jobStates(caseId)).sort();
    // (the warning's early job still waits for its hour; when it runs it finds the row fired and does nothing)
    await eventually('breach and the reminder rung fired from their jobs', async () =>
      (same(await sorted(), ['sla.due:fired:none', 'sla.rung:fired:none', 'sla.warn:fired:delayed']) ? true : undefined), sorted);
    expect(await firedEvents(caseId)).toHaveLength(3);
    // that leftover job is a duplicate for a fired timer: run it now; it changes nothing
    await (await queue.getJob(timerJobId({ caseId, timerKey: warn.timer_key })))?.promote();
    await eventually('the duplicate job processed', async () => ((await jobState(caseId, warn.timer_key)) === 'none' ? true : undefined), () => jobStates(caseId));
    expect(await firedEvents(caseId)).toHaveLength(3);
    clock.set(Date.now());
  });

  it('start fails with a clear message when Redis cannot be reached', async () => {
    const driver = createBullmqDriver({ runner: rt.timers, redisUrl: 'redis://127.0.0.1:1', queueName: testQueue(), connectTimeoutMs: 500 });
    await expect(driver.start()).rejects.toThrow(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1 within 500 ms.*TONGBAN_JOBS=embedded/);
    await driver.stop();
  });
});

type TimerRow = { timer_key: string; purpose: string; status: string; due_at: number | string };
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
