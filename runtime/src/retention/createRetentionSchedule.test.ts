import { describe, expect, it } from 'vitest';
import { createRetentionSchedule } from './createRetentionSchedule.ts';
import type { RetentionReport } from './runRetention.ts';

const empty: RetentionReport = { dryRun: false, items: [], cases: 0, values: 0, events: 0, lookups: 0, outbox: 0, attachments: 0, comments: 0, notifications: 0, intakeDrafts: 0, skipped: 0 };

describe('retention schedule', () => {
  it('runs after the first delay and again every period; a failed run does not stop the next', async () => {
    let runs = 0;
    const s = createRetentionSchedule({ everyMs: 5, firstAfterMs: 1, run: async () => { runs++; if (runs === 1) throw new Error('db down'); return empty; } });
    s.start();
    await expect.poll(() => runs, { interval: 5 }).toBeGreaterThanOrEqual(3);
    await s.stop();
    const after = runs;
    await new Promise((r) => setTimeout(r, 30));
    expect(runs).toBe(after);
  });

  it('never runs with a period of 0', async () => {
    let runs = 0;
    const s = createRetentionSchedule({ everyMs: 0, firstAfterMs: 1, run: async () => { runs++; return empty; } });
    s.start();
    await new Promise((r) => setTimeout(r, 20));
    await s.stop();
    expect(runs).toBe(0);
  });
});
