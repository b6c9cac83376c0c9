import { describe, expect, it } from 'vitest';
import { createEmbeddedDriver } from './createEmbeddedDriver.ts';
import type { TimerRunner } from './createTimerRunner.ts';

/** A runner whose table holds one armed timer due at `due` (until a tick at or after it fires it). */
function oneTimer(due: number) {
  const ticks: number[] = [];
  let armed = true;
  const runner: TimerRunner = {
    owner: 'test',
    async runDue(now) { ticks.push(now); if (armed && now >= due) { armed = false; return 1; } return 0; },
    async nextDue() { return armed ? due : undefined; },
    async armed() { return []; },
    async state() { return undefined; },
  };
  return { runner, ticks, fired: () => !armed };
}

describe('embedded driver wakes at the next due time (issue 14.6)', () => {
  it('fires a timer nobody hinted (armed by another process) at its due time, not at the next poll', async () => {
    const t = oneTimer(Date.now() + 80);
    // a poll an hour away: only the wake-up at the row's due time can fire it during this test
    const driver = createEmbeddedDriver({ runner: t.runner, pollMs: 3_600_000 });
    await driver.start();
    try {
      expect(t.fired()).toBe(false);
      await expect.poll(() => t.fired(), { interval: 20 }).toBe(true);
      expect(t.ticks.length).toBe(2); // the start's reconcile, then exactly one wake-up
    } finally {
      await driver.stop();
    }
  });

  it('sets no wake-up when nothing is armed, and none after stop', async () => {
    const t = oneTimer(Date.now() + 40);
    const driver = createEmbeddedDriver({ runner: t.runner, pollMs: 3_600_000 });
    await driver.start();
    await driver.stop();
    await new Promise((r) => setTimeout(r, 120));
    expect(t.ticks.length).toBe(1);
    expect(t.fired()).toBe(false);
  });
});
