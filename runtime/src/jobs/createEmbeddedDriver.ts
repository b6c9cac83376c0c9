/**
 * The embedded jobs driver (the `npm start` default): single node, in process, polling the
 * `timers` table. `schedule` sets an earlier wake-up so a timer due before the next poll fires on
 * time. Ticks never overlap; errors are logged and the next poll retries (claims are leases).
 */
import type { Logger } from 'pino';
import type { Clock, JobDriver } from './JobDriver.ts';
import type { TimerRunner } from './createTimerRunner.ts';

/** Options of the embedded driver. */
export interface EmbeddedDriverOptions { runner: TimerRunner; clock?: Clock; pollMs?: number; logger?: Logger }

/** Creates the DB-polled driver. */
export function createEmbeddedDriver(o: EmbeddedDriverOptions): JobDriver {
  const clock = o.clock ?? Date.now;
  const pollMs = o.pollMs ?? 5_000;
  let running = false;
  let poll: NodeJS.Timeout | undefined;
  let wake: { at: number; handle: NodeJS.Timeout } | undefined;
  let inFlight: Promise<number> = Promise.resolve(0);

  function tick(): Promise<number> {
    // Chain ticks so a slow one and a wake-up never claim in parallel within one process.
    inFlight = inFlight.catch(() => 0).then(() => o.runner.runDue(clock()));
    return inFlight;
  }
  function background(): void {
    tick().catch((err) => o.logger?.error({ err: (err as Error).message }, 'timer poll failed'));
  }
  return {
    async start() {
      if (running) return;
      running = true;
      await tick(); // reconcile: everything overdue while we were down fires now
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
    schedule({ dueAt: wakeAt }) {
      if (!running || (wake && wake.at <= wakeAt)) return;
      if (wake) clearTimeout(wake.handle);
      const handle = setTimeout(() => { wake = undefined; background(); }, Math.max(0, wakeAt - clock()));
      handle.unref?.();
      wake = { at: wakeAt, handle };
    },
    cancel() {
      // nothing to undo: the poll reads the table, where the row is already cancelled
    },
  };
}
