/**
 * The BullMQ jobs driver (`TONGBAN_JOBS=bullmq`, `REDIS_URL`): scale-out, any number of runtimes on
 * one database and one Redis. Redis is only the wake-up; the `timers` table stays the truth.
 *
 * - A command that arms a timer → one delayed job per timer (`jobId` derived from the timer's key, so
 *   scheduling twice — two runtimes reconciling, a repeated hint — is one job; delay = dueAt − now).
 * - The worker's processor runs the shared `TimerRunner` for that case, which claims each due row with
 *   a conditional UPDATE before firing it through the command path. A duplicate, late or stale job
 *   (cancelled timer, already fired) finds nothing to claim and does nothing.
 * - A job that wakes before its row is due (clock skew between hosts, a clock change), or while another
 *   runtime holds the row's claim, is moved back to `delayed` until the due time / the lease end.
 * - A cancelled timer's job is removed (best effort).
 * - `start` reconciles: fires everything overdue, then (re)schedules a job for every armed row (a job
 *   already there at another time is moved). A safety sweep (`runDue`, every `sweepMs`) fires what a
 *   lost hint (a crash between commit and `add`) would otherwise leave until the next start.
 */
import { DelayedError, Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Clock, JobDriver, ScheduledTimer, TimerRef } from './JobDriver.ts';
import type { TimerRunner } from './createTimerRunner.ts';

/** Options of the BullMQ driver. */
export interface BullmqDriverOptions {
  runner: TimerRunner;
  /** redis://[user:pass@]host:port[/db] or rediss://… */
  redisUrl: string;
  /** the queue shared by every runtime of one deployment (no `:`) */
  queueName?: string;
  clock?: Clock;
  logger?: Logger;
  /** jobs processed at once by this runtime's worker */
  concurrency?: number;
  /** safety sweep interval (fires overdue rows whose wake-up was lost); 0 = none */
  sweepMs?: number;
  /** how long `stop` waits for BullMQ to close before it disconnects (default 10 s) */
  stopMs?: number;
  /** how long `start` waits for Redis before failing with a clear message */
  connectTimeoutMs?: number;
  /**
   * false: a server process — it adds wake-ups for the timers its commands arm but never takes jobs
   * off the queue, never sweeps and never reconciles (its workers do). Default true.
   */
  consume?: boolean;
}

/** The default queue name. */
export const DEFAULT_QUEUE = 'tongban-timers';

/** What a timer job carries. */
interface TimerJobData { caseId: string; timerKey: string; dueAt: number }

/** Why a job's data is not a timer reference (undefined: it is one). */
export function badPayload(data: unknown): string | undefined {
  if (!data || typeof data !== 'object') return 'not an object';
  const d = data as Record<string, unknown>;
  if (typeof d.caseId !== 'string' || !d.caseId) return 'caseId missing';
  if (typeof d.timerKey !== 'string' || !d.timerKey) return 'timerKey missing';
  return undefined;
}

/** BullMQ refuses `:` in custom ids (and all-digit ids); this encoding avoids both and is reversible. */
export function timerJobId(t: TimerRef): string {
  return `timer.${encodeURIComponent(t.caseId)}.${encodeURIComponent(t.timerKey)}`.replace(/:/g, '%3A');
}

/** Connection options for a redis:// or rediss:// URL (BullMQ needs `maxRetriesPerRequest: null` for workers). */
export function redisConnection(redisUrl: string): ConnectionOptions {
  const u = new URL(redisUrl);
  const db = u.pathname.replace(/^\//, '');
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: db ? Number(db) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/** Removes a queue and all its jobs (tests; decommissioning a deployment). */
export async function obliterateQueue(redisUrl: string, queueName: string): Promise<void> {
  const queue = new Queue(queueName, { connection: redisConnection(redisUrl) });
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
  }
}

/** Unit of the delayed set's score: BullMQ bakes a 12-bit counter under the timestamp. */
const SCORE_UNIT = 0x1000;
/** A delayed job this close to its wanted time is left alone on reconcile. */
const RESYNC_TOLERANCE_MS = 250;

function describeRedis(redisUrl: string): string {
  try {
    const u = new URL(redisUrl);
    return `${u.protocol}//${u.hostname}:${u.port || 6379}${u.pathname.length > 1 ? u.pathname : ''}`; // no credentials in messages
  } catch {
    return 'REDIS_URL';
  }
}

/** True when `p` settled (either way) within `ms`; false when it was still pending. */
function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), ms); timer.unref?.(); });
  return Promise.race([p.then(() => true, () => true), late]).finally(() => clearTimeout(timer));
}

/** Creates the BullMQ driver; nothing connects before `start`. */
export function createBullmqDriver(o: BullmqDriverOptions): JobDriver {
  const clock = o.clock ?? Date.now;
  const queueName = o.queueName ?? DEFAULT_QUEUE;
  const sweepMs = o.sweepMs ?? 60_000;
  // The worker waits out a Redis outage (BullMQ requires maxRetriesPerRequest: null for it); the queue side
  // (hints, reconcile) fails fast instead, so a command's hint or stop() never hangs on a dead Redis.
  const connection = redisConnection(o.redisUrl);
  const queueConnection = { ...connection, maxRetriesPerRequest: 2 } as ConnectionOptions;
  let queue: Queue | undefined;
  let worker: Worker | undefined;
  let sweep: NodeJS.Timeout | undefined;
  let running = false;
  let ticks: Promise<number> = Promise.resolve(0);
  // Hints run in order (an add then a remove of one timer must not swap) and are awaited by stop().
  let hints: Promise<void> = Promise.resolve();

  /** Wall time (Redis's and BullMQ's basis) at which the driver's clock reaches `at`. */
  const wallAt = (at: number): number => Date.now() + (at - clock());

  function tick(): Promise<number> {
    ticks = ticks.catch(() => 0).then(() => o.runner.runDue(clock()));
    return ticks;
  }

  function hint(what: string, op: (q: Queue) => Promise<unknown>): void {
    const q = queue;
    if (!running || !q) return; // not started: start's reconcile schedules every armed row
    hints = hints.then(() => op(q)).then(() => undefined, (err: Error) => o.logger?.warn({ err: err.message }, `bullmq ${what} failed`));
  }

  async function add(q: Queue, t: ScheduledTimer): Promise<void> {
    const data: TimerJobData = { caseId: t.caseId, timerKey: t.timerKey, dueAt: t.dueAt };
    await q.add('timer', data, {
      jobId: timerJobId(t), delay: Math.max(0, wallAt(t.dueAt) - Date.now()),
      removeOnComplete: true, removeOnFail: true, attempts: 5, backoff: { type: 'exponential', delay: 1000 },
    });
  }

  /** Makes sure one job wakes at the timer's due time: adds it, moves a delayed one to the right time, replaces a finished one. */
  async function ensure(q: Queue, t: ScheduledTimer): Promise<void> {
    const id = timerJobId(t);
    const job = await q.getJob(id);
    if (!job) return add(q, t);
    const state = await job.getState();
    if (state === 'delayed') {
      const client = await q.client;
      const score = await client.zscore(q.toKey('delayed'), id);
      const at = score === null ? undefined : Math.floor(Number(score) / SCORE_UNIT);
      const want = wallAt(t.dueAt);
      if (at === undefined || Math.abs(at - want) > RESYNC_TOLERANCE_MS) {
        // another runtime may take the job (or its worker run it) between our look and the move: then add it afresh
        await job.changeDelay(Math.max(0, want - Date.now())).catch(async (err: Error) => {
          if (!/Missing key|not in the delayed state/i.test(err.message)) throw err;
          await add(q, t);
        });
      }
    } else if (state === 'completed' || state === 'failed' || state === 'unknown') {
      await job.remove().catch(() => undefined);
      await add(q, t);
    } // waiting or active: it runs now and re-checks the row
  }

  async function reconcile(): Promise<number> {
    const fired = await tick();
    const q = queue;
    if (!q) return fired;
    let after;
    for (;;) {
      const page = await o.runner.armed({ after, limit: 500 });
      for (let i = 0; i < page.length; i += 50) await Promise.all(page.slice(i, i + 50).map((t) => ensure(q, t)));
      if (page.length < 500) break;
      after = page[page.length - 1];
    }
    return fired;
  }

  async function processJob(job: Job<TimerJobData>, token?: string): Promise<string> {
    const bad = badPayload(job.data);
    if (bad) {
      // Not retried (it cannot parse better next time) and not silent: logged with the reason; the
      // row in `timers` (the truth) still fires through the sweep or the next reconcile.
      o.logger?.error({ code: 'jobs.bad-payload', jobId: job.id, reason: bad }, 'timer job payload cannot be read; left to the sweep');
      throw new UnrecoverableError(`jobs.bad-payload: ${bad}`);
    }
    const { caseId, timerKey } = job.data;
    const now = clock();
    await o.runner.runDue(now, { caseId });
    const s = await o.runner.state(caseId, timerKey);
    if (!s) return 'gone';
    let wakeAt: number | undefined;
    if (s.status === 'armed') wakeAt = s.dueAt > now ? s.dueAt : now + 1000; // early; or due but claimed away and re-armed meanwhile
    else if (s.status === 'firing') wakeAt = Math.max(s.claimedUntil ?? now, now) + 1; // another runtime's claim, or our failed try: look again at the lease end
    if (wakeAt === undefined) return s.status;
    await job.moveToDelayed(wallAt(wakeAt), token);
    throw new DelayedError();
  }

  /**
   * A Redis that restarted may have lost every delayed job (no persistence): when the connection
   * comes back after a loss, reconcile re-adds a job for every armed row and fires what is overdue.
   */
  function watchReconnects(q: Queue): void {
    let lost = false;
    void q.client.then((client) => {
      client.on('close', () => { lost = true; });
      client.on('ready', () => {
        if (!lost || !running) return;
        lost = false;
        o.logger?.warn({ code: 'jobs.redis-reconnected' }, 'Redis is back; reconciling timer wake-ups');
        reconcile().catch((err: Error) => o.logger?.error({ code: 'jobs.reconcile-failed', err: err.message }, 'reconcile after Redis came back failed; the sweep retries'));
      });
    }).catch(() => undefined);
  }

  return {
    async ping() {
      const q = queue;
      if (!q) throw new Error('not started');
      await (await q.client as unknown as { ping(): Promise<string> }).ping();
    },
    async depths() {
      const q = queue;
      if (!q) return {};
      return q.getJobCounts('waiting', 'delayed', 'active', 'failed', 'prioritized');
    },
    queue: () => queue,
    async start() {
      if (running) return;
      const q = new Queue<TimerJobData>(queueName, { connection: queueConnection });
      let lastError = '';
      q.on('error', (err) => { lastError = err.message; o.logger?.warn({ err: err.message }, 'bullmq queue error'); });
      const timeoutMs = o.connectTimeoutMs ?? 10_000;
      let timer: NodeJS.Timeout | undefined;
      const unreachable = (why: string) => new Error(`jobs.redis-unreachable: BullMQ 任务驱动无法连接 Redis (cannot reach Redis at ${describeRedis(o.redisUrl)} ${why})` +
        (lastError ? `: ${lastError}` : '') + '; check REDIS_URL, or use TONGBAN_JOBS=embedded');
      try {
        await Promise.race([
          q.waitUntilReady(),
          new Promise((_, reject) => { timer = setTimeout(() => reject(unreachable(`within ${timeoutMs} ms`)), timeoutMs); }),
        ]);
      } catch (err) {
        await q.close().catch(() => undefined);
        throw (err as Error).message.includes('cannot reach Redis') ? err : unreachable(`(${(err as Error).message})`);
      } finally {
        clearTimeout(timer);
      }
      queue = q as unknown as Queue;
      running = true;
      if (o.consume === false) return; // a server: hints only
      watchReconnects(q);
      const w = new Worker<TimerJobData>(queueName, processJob, { connection, concurrency: o.concurrency ?? 4 });
      w.on('error', (err) => o.logger?.warn({ err: err.message }, 'bullmq worker error'));
      w.on('failed', (job, err) => o.logger?.error({ jobId: job?.id, err: err.message }, 'timer job failed'));
      worker = w;
      await w.waitUntilReady(); // a worker closed while still connecting leaves rejected commands behind
      await reconcile(); // overdue rows fire now; every armed row gets its job
      if (sweepMs > 0) {
        sweep = setInterval(() => { tick().catch((err: Error) => o.logger?.error({ err: err.message }, 'timer sweep failed')); }, sweepMs);
        sweep.unref?.();
      }
    },
    async stop() {
      running = false;
      if (sweep) clearInterval(sweep);
      sweep = undefined;
      // Bounded: after Redis went away and came back, BullMQ's close() can wait on a connection that
      // never settles, and a SIGTERMed worker then never exits (the chaos test caught it). The timers
      // table is the truth, so a job cut short is taken up again when its lease runs out.
      const stopMs = o.stopMs ?? 10_000;
      await settlesWithin(hints, stopMs);
      const w = worker;
      if (w && !(await settlesWithin(w.close(), stopMs))) {
        o.logger?.warn({ code: 'jobs.close-timeout', ms: stopMs }, 'bullmq worker did not close in time; disconnecting it');
        await settlesWithin(w.close(true), 2_000);
        await settlesWithin(w.disconnect(), 2_000);
      }
      await ticks.catch(() => 0);
      const q = queue;
      if (q && !(await settlesWithin(q.close(), stopMs))) await settlesWithin(q.disconnect(), 2_000);
      worker = queue = undefined;
    },
    tick,
    reconcile,
    schedule(t) {
      hint('schedule', (q) => add(q, t));
    },
    cancel(t) {
      hint('cancel', (q) => q.remove(timerJobId(t)));
    },
  };
}
