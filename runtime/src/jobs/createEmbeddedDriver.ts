/**
 * The embedded jobs driver (the `npm start` default): single node, in process, on the `timers`
 * table. After every tick it reads the earliest armed due time and sleeps until then, so a timer
 * fires on time whoever armed it; `schedule` (a command's hint) brings that wake-up forward. The
 * poll (`pollMs`) is only the safety net for a timer another process armed earlier than the
 * wake-up we know of. Ticks never overlap; errors are logged and the next wake-up retries (claims
 * are leases).
 */
import type { Logger } from 'pino';
import type { Clock, JobDriver } from './JobDriver.ts';
import type { TimerRunner } from './createTimerRunner.ts';

/** Options of the embedded driver. */
export interface EmbeddedDriverOptions { runner: TimerRunner; clock?: Clock; pollMs?: number; logger?: Logger }

/** Creates the table-driven driver. */
export function createEmbeddedDriver(o: EmbeddedDriverOptions): JobDriver {
  const clock = o.clock ?? Date.now;
  const pollMs = o.pollMs ?? 5_000;
  let running = false;
  let poll: NodeJS.Timeout | undefined;
  let wake: { at: number; handle: NodeJS.Timeout } | undefined;
  let inFlight: Promise<number> = Promise.resolve(0);

  /** Sets the wake-up to `at` unless an earlier one is set; beyond the poll, the poll comes first anyway. */
  function wakeAt(at: number): void {
    if (!running || (wake && wake.at <= at)) return;
    const delay = Math.max(0, at - clock());
    if (delay > pollMs) return;
    if (wake) clearTimeout(wake.handle);
    wake = { at, handle: arm(at, delay) };
  }
  /**
   * A timer for the wake-up at `at`. Node's timers run on the event loop's cached clock and can
   * fire a millisecond before `at` by ours; a tick then would find nothing due and cost a round trip
   * to the store, so an early firing only waits out the remainder.
   */
  function arm(at: number, delay: number): NodeJS.Timeout {
    const handle = setTimeout(() => {
      const left = at - clock();
      if (left > 0 && wake?.at === at) { wake.handle = arm(at, left); return; }
      wake = undefined;
      background();
    }, delay);
    handle.unref?.();
    return handle;
  }
  function tick(): Promise<number> {
    // Chain ticks so a slow one and a wake-up never claim in parallel within one process.
    inFlight = inFlight.catch(() => 0).then(async () => {
      const fired = await o.runner.runDue(clock());
      const next = running ? await o.runner.nextDue() : undefined;
      if (next !== undefined) wakeAt(next);
      return fired;
    });
    return inFlight;
  }
  function background(): void {
    tick().catch((err) => o.logger?.error({ err: (err as Error).message }, 'timer tick failed'));
  }
  return {
    async start() {
      if (running) return;
      running = true;
      await tick(); // reconcile: everything overdue while we were down fires now, and the next wake-up is set
      poll = setInterval(background, pollMs);
      poll.unref?.();
    },
    async stop() {
      running = false;
      if (poll) clearInterval(poll);
      if (wake) clearTimeout(wake.handle);
      poll = wake = undefined;
      await inFlight.catch(() => 0);
    },
    tick,
    reconcile: tick,
    schedule({ dueAt }) {
      wakeAt(dueAt);
    },
    cancel() {
      // nothing to undo: a wake-up that still comes finds the row cancelled and sets the next one
    },
  };
}
