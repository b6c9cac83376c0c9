/**
 * Timers at volume (issue 14.6), through a real jobs driver and the real command path:
 *  - steady: `armed` timers in the table (default 100,000), of which `rate`/s fall due for
 *    `seconds` (default 200/s for 60 s); p50/p99 fire lag = the `timer.fired` event's time minus
 *    the row's due time (target p99 < 1 s);
 *  - burst: `burst` timers (default 10,000) due at one instant; drain rate in timers/s, and its
 *    ratio to the command rate measured in the same run.
 * Drivers and stores as deployed: embedded on SQLite (one node), BullMQ on MariaDB and Redis
 * (scale-out). With the embedded driver nothing is hinted (as when a server process armed the
 * timers): it must wake at the next due time by itself. With BullMQ every armed timer has its
 * delayed job (the idle ones from the start's reconcile, the due ones from hints as a command gives).
 * TONGBAN_BENCH_TIMERS=smoke: 10,000 armed, 200/s for 5 s, a burst of 1,000 (for CI).
 */
import pino from 'pino';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/loadConfig.ts';
import { createRuntime, type Runtime } from '../src/createRuntime.ts';
import { obliterateQueue } from '../src/jobs/createBullmqDriver.ts';
import { seedCounty } from '../src/seed/seedCounty.ts';
import type { Dialect } from '../src/store/createDb.ts';
import { createTestDb, type TestDb } from '../src/testing/testDbs.ts';
import { GRID1, tinyCounty, tinyIncident } from '../src/testing/testRuntime.ts';
import { line, percentile } from './stats.ts';
import { armIdle, cloneCases, firedAt, pending, readTemplate } from './timerLoad.ts';

/** What one driver's run measured, for the summary. */
export interface TimerFigures { driver: 'embedded' | 'bullmq'; dialect: Dialect; p50: number; p99: number; missed: number; drainRate: number }

const smoke = process.env.TONGBAN_BENCH_TIMERS === 'smoke';
const size = smoke ? { armed: 10_000, rate: 200, seconds: 5, burst: 1_000 } : { armed: 100_000, rate: 200, seconds: 60, burst: 10_000 };
const redisUrl = process.env.TONGBAN_BENCH_REDIS ?? 'redis://127.0.0.1:6379';
/** After the last due time, how long firing may take before what is left counts as missed. */
const GRACE_MS = 60_000;

/** tiny-incident with a natural-clock SLA on 受理 and a breach reminder: firing it is real work (flag, notice, a new timer). */
const timerIncident = {
  ...tinyIncident, id: 'timer-incident',
  states: { ...tinyIncident.states, accept: { ...tinyIncident.states.accept, task: { ...tinyIncident.states.accept.task,
    sla: { within: 'PT2H', clock: 'natural', onBreach: [{ remind: { times: 1, every: 'PT1H', template: 'sla-breach' } }] } } } },
  templates: { ...tinyIncident.templates, 'sla-breach': { 'zh-CN': '已超时', en: 'Overdue' } },
};

async function open(driver: TimerFigures['driver'], dialect: Dialect, queue: string): Promise<{ rt: Runtime; db: TestDb }> {
  const db = await createTestDb(dialect, { guard: false, poolMax: 16 });
  const config = loadConfig({ TONGBAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'tongban-timers-')), PORT: '0', LOG_LEVEL: 'silent', TONGBAN_SEED: 'false',
    TONGBAN_JOBS: driver, REDIS_URL: redisUrl, TONGBAN_JOBS_QUEUE: queue, TONGBAN_ADAPTER_ISOLATION: 'inline', TONGBAN_ADAPTERS: '' });
  const rt = await createRuntime(config, { db, logger: pino({ level: 'silent' }), jobs: driver });
  await seedCounty(db.knex, tinyCounty);
  await rt.definitions.publishBody(timerIncident, 'u-admin');
  return { rt, db };
}

/** Waits until none of `ids` is left to fire, or `deadline` passes; returns how many are left. */
async function drain(rt: Runtime, ids: string[], deadline: number): Promise<number> {
  for (;;) {
    const left = await pending(rt.db.knex, ids);
    if (left === 0 || Date.now() > deadline) return left;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Far beyond any run: clones are loaded due there, then moved to their real times in one statement per page. */
const PARKED = 10_000_000_000_000;

/**
 * Cases whose kept timer falls due `offsets` ms after a start chosen once they are all loaded (loading
 * 12,000 cases takes tens of seconds on a busy host; due times fixed before it would be overdue on
 * arrival). With BullMQ each gets its hint, as the arming command gives. Returns the ids and due times.
 */
async function arm(rt: Runtime, driver: TimerFigures['driver'], tpl: Awaited<ReturnType<typeof readTemplate>>, offsets: number[]): Promise<{ ids: string[]; due: number[] }> {
  const ids = await cloneCases(rt.db.knex, tpl, offsets.map((o) => PARKED + o));
  // (each clone keeps one timer row, its key carrying the clone's id)
  // BullMQ: hints go one after another, leave them time; embedded: past one poll (5 s), which finds the next due time
  const t0 = Date.now() + (driver === 'bullmq' ? 5_000 + ids.length / 2 : 6_000);
  for (let i = 0; i < ids.length; i += 500) {
    await rt.db.knex('timers').whereIn('case_id', ids.slice(i, i + 500)).update({ due_at: rt.db.knex.raw('?? - ?', ['due_at', PARKED - t0]) });
  }
  const due = offsets.map((o) => t0 + o);
  if (driver === 'bullmq') ids.forEach((caseId, i) => rt.jobs.schedule({ caseId, timerKey: tpl.timerKey.split(tpl.caseId).join(caseId), dueAt: due[i]! }));
  return { ids, due };
}

async function steady(rt: Runtime, name: string, driver: TimerFigures['driver'], tpl: Awaited<ReturnType<typeof readTemplate>>) {
  const n = size.rate * size.seconds;
  const { ids, due } = await arm(rt, driver, tpl, Array.from({ length: n }, (_, i) => Math.floor((i * 1000) / size.rate)));
  const late = Date.now() - due[0]!;
  if (late > 0) line(`${name}.steady.armed-late`, late, 'ms');
  const missed = await drain(rt, ids, due[due.length - 1]! + GRACE_MS);
  const fired = await firedAt(rt.db.knex, ids);
  const lags = ids.flatMap((id, i) => (fired.has(id) ? [fired.get(id)! - due[i]!] : []));
  const p50 = percentile(lags, 50);
  // a timer that never fired within the grace counts as late by the whole grace
  const p99 = missed / n > 0.01 ? GRACE_MS : percentile(lags, 99);
  line(`${name}.steady.timers-due`, n, `timers at ${size.rate}/s over ${size.seconds}s`);
  line(`${name}.steady.p50-lag`, p50, 'ms');
  line(`${name}.steady.p99-lag`, p99, 'ms');
  line(`${name}.steady.missed`, missed, 'timers');
  return { p50, p99, missed };
}

async function burst(rt: Runtime, name: string, driver: TimerFigures['driver'], tpl: Awaited<ReturnType<typeof readTemplate>>): Promise<number> {
  const { ids, due } = await arm(rt, driver, tpl, Array.from({ length: size.burst }, () => 0));
  const at = due[0]!;
  const left = await drain(rt, ids, at + 10 * GRACE_MS);
  const fired = [...(await firedAt(rt.db.knex, ids)).values()];
  const last = Math.max(...fired);
  const rate = fired.length / Math.max(1, (last - at) / 1000);
  line(`${name}.burst.timers`, size.burst, 'timers due at once');
  line(`${name}.burst.drain`, rate, 'timers/s');
  if (left) line(`${name}.burst.left`, left, 'timers');
  return rate;
}

/** Runs one driver on one store; `commandRate` (the same store's c8 commands/s) gives the burst ratio. */
export async function benchTimers(driver: TimerFigures['driver'], dialect: Dialect, commandRate?: number): Promise<TimerFigures> {
  const queue = `bench-timers-${Date.now().toString(36)}`;
  const name = `runtime.timers.${driver}.${dialect}`;
  const { rt, db } = await open(driver, dialect, queue);
  try {
    const user = (await rt.identity.getUser('u-grid1'))!;
    const tpl = await readTemplate(db.knex, (await rt.commands.create(user, { definitionId: timerIncident.id, orgPath: GRID1, data: { description: '路灯损坏' } })).id, 'sla.due');
    // the idle volume: armed well beyond the run (one a second from an hour on)
    const idle = size.armed - size.rate * size.seconds;
    await armIdle(db.knex, idle, Date.now() + 3_600_000);
    const t0 = Date.now();
    await rt.jobs.start(); // embedded: reconcile + the first wake-up; BullMQ: a delayed job for every armed row
    line(`${name}.start-with-${idle}-armed`, Date.now() - t0, 'ms');
    const s = await steady(rt, name, driver, tpl);
    const drainRate = await burst(rt, name, driver, tpl);
    if (commandRate) line(`${name}.burst.ratio-to-commands-c8`, drainRate / commandRate, 'x');
    return { driver, dialect, ...s, drainRate };
  } finally {
    await rt.close().catch(() => undefined);
    await db.dispose().catch(() => undefined);
    if (driver === 'bullmq') await obliterateQueue(redisUrl, queue).catch(() => undefined);
  }
}
