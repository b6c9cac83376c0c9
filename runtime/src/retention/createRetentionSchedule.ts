/**
 * Runs the retention job on the side of a deployment that fires timers (the worker), once a
 * minute after start and then every `everyMs` (daily by default). Runs never overlap; a failed run
 * is logged and the next one tries again. Several workers may each run it: a case is anonymised by
 * whichever transaction wins its version guard, the others pass over it.
 */
import type { Logger } from 'pino';
import type { RetentionReport } from './runRetention.ts';

/** A running schedule. */
export interface RetentionSchedule { start(): void; stop(): Promise<void> }

/** Creates the schedule; `everyMs` 0 never runs. */
export function createRetentionSchedule(o: { run: () => Promise<RetentionReport>; everyMs: number; firstAfterMs?: number; logger?: Logger }): RetentionSchedule {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const once = () => {
    running = running.then(async () => {
      if (stopped) return;
      try {
        const r = await o.run();
        o.logger?.info({ cases: r.cases, attachments: r.attachments, comments: r.comments, notifications: r.notifications, intakeDrafts: r.intakeDrafts, skipped: r.skipped }, 'retention run');
      } catch (err) {
        o.logger?.error({ err: (err as Error).message }, 'retention run failed');
      }
    });
  };
  return {
    start() {
      if (!o.everyMs || timer) return;
      timer = setTimeout(function next() { once(); timer = setTimeout(next, o.everyMs); timer.unref?.(); }, o.firstAfterMs ?? 60_000);
      timer.unref?.();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
