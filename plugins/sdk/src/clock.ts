/** Clocks for plugins: the real one for the host, a controllable one for the test harness. */
import type { PluginClock } from './context.ts';

function abortable(ms: number, signal: AbortSignal | undefined, arm: (fn: () => void, ms: number) => () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => { cancel(); reject(signal!.reason); };
    const cancel = arm(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Wall time and real timers; `every` timers are unref'd so they never hold a process open. */
export function createSystemClock(): PluginClock {
  return {
    now: () => Date.now(),
    every(ms, fn) {
      const t = setInterval(() => { void Promise.resolve().then(fn).catch(() => undefined); }, ms);
      t.unref();
      return () => clearInterval(t);
    },
    sleep: (ms, signal) => abortable(ms, signal, (fn, d) => { const t = setTimeout(fn, d); return () => clearTimeout(t); }),
  };
}

/** A clock that moves only when told: `advance(ms)` runs due `every` and `sleep` timers in time order. */
export interface ManualClock extends PluginClock {
  set(epochMs: number): void;
  advance(ms: number): Promise<void>;
}

/** Creates a manual clock starting at `start` (epoch ms). */
export function createManualClock(start = Date.UTC(2025, 2, 4, 1, 0, 0)): ManualClock {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { due: number; every?: number; fn: () => void | Promise<void> }>();
  const arm = (fn: () => void | Promise<void>, ms: number, every?: number) => {
    const id = ++seq;
    timers.set(id, { due: now + ms, every, fn });
    return () => { timers.delete(id); };
  };
  return {
    now: () => now,
    set(t) { now = t; },
    every: (ms, fn) => arm(fn, ms, ms),
    sleep: (ms, signal) => abortable(ms, signal, (fn, d) => arm(fn, d)),
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        const next = [...timers.entries()].filter(([, t]) => t.due <= end).sort((a, b) => a[1].due - b[1].due)[0];
        if (!next) break;
        const [id, t] = next;
        now = t.due;
        if (t.every) t.due += t.every; else timers.delete(id);
        await t.fn();
        await new Promise((r) => setImmediate(r));
      }
      now = end;
    },
  };
}
