/**
 * Performs what commands wrote to the outbox: notices, adapter calls (and their channel sends),
 * sub-cases; then delivers finished sub-cases to their parents, and a parent's end to its running children. Cases run concurrently up to a limit
 * (adapter calls wait on the network, not on us), one case's rows in order; one row's failure is logged and retried later
 * through its lease, never allowed to stop the others. `wake()` runs a tick soon after a commit.
 */
import type { PluginHost } from '@tongban/plugin-host';
import type { Services } from '../services.ts';
import { claimOutbox, type OutboxRow } from './claimOutbox.ts';
import { deliverSubcaseOutcomes } from './deliverSubcaseOutcomes.ts';
import { deliverParentOutcomes } from './deliverParentOutcomes.ts';
import { executeAdapterCall } from './executeAdapterCall.ts';
import { executeSpawn } from './executeSpawn.ts';
import { executeAward } from '../points/executeAward.ts';
import { executeNotify } from './notify/executeNotify.ts';

/** The effect runner of one runtime. */
export interface EffectRunner {
  /** one pass: claims due rows, performs them, delivers sub-case outcomes; returns rows handled */
  tick(now?: number): Promise<number>;
  /** asks for a tick soon (coalesced) */
  wake(): void;
  /** drains: no new pass starts, the one in flight finishes (SIGTERM); a row it could not finish keeps its lease and is retried elsewhere */
  stop(): Promise<void>;
}

/** Creates the runner; `batch` rows per claim, `concurrency` in flight. */
export function createEffectRunner(s: Services, host: PluginHost, opts: { batch?: number; concurrency?: number; leaseMs?: number } = {}): EffectRunner {
  const batch = opts.batch ?? 100;
  const concurrency = opts.concurrency ?? 16;
  let running: Promise<number> | undefined;
  /** the pass after the one in flight, shared by every caller that came while it ran */
  let queued: Promise<number> | undefined;
  let queuedNow: number | undefined;
  let stopped = false;

  async function perform(row: OutboxRow, now: number): Promise<void> {
    try {
      if (row.kind === 'notify') await executeNotify(s, row, now);
      else if (row.kind === 'adapter.invoke' || row.kind === 'notify.send') await executeAdapterCall(s, host, row, now);
      else if (row.kind === 'case.spawn') await executeSpawn(s, row);
      else if (row.kind === 'points.award') await executeAward(s, row);
      else await s.db.knex('outbox').where({ id: row.id }).update({ status: 'dead', last_error: `unknown kind ${row.kind}`.slice(0, 400) });
    } catch (err) {
      // ours or the store's: the lease runs out and another tick retries the row
      s.logger.error({ outbox: row.id, kind: row.kind, err: (err as Error).message }, 'effect failed; will retry after its lease');
    }
  }

  async function pass(now: number): Promise<number> {
    const rows = await claimOutbox(s.db.knex, now, batch, opts.leaseMs);
    // one case's rows in their order (its notices reach the inbox in event order); cases side by side
    const groups = new Map<string, OutboxRow[]>();
    for (const r of rows) groups.set(r.case_id, [...(groups.get(r.case_id) ?? []), r]);
    const byCase = [...groups.values()];
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(concurrency, byCase.length) }, async () => {
      while (next < byCase.length) for (const row of byCase[next++]!) await perform(row, now);
    }));
    return rows.length + (await deliverSubcaseOutcomes(s)) + (await deliverParentOutcomes(s));
  }

  /**
   * A pass that starts after this call: a caller that committed rows (or a test that awaits the
   * dispatcher) must not get the promise of a pass that claimed before its commit. While one runs,
   * every caller shares the one queued after it, so a burst of wake-ups is still one more pass.
   */
  const tick = (now?: number): Promise<number> => {
    if (stopped) return Promise.resolve(0);
    if (!running) {
      running = pass(now ?? Date.now()).finally(() => { running = undefined; });
      return running;
    }
    // the queued pass runs at the latest clock a caller named (a simulation's or a test's), else at the time it starts:
    // a caller that asks for a pass at 23:00 must not get one that ran at the wall clock of the first caller
    if (now !== undefined) queuedNow = Math.max(queuedNow ?? now, now);
    queued ??= running.catch(() => 0).then(() => {
      const at = queuedNow;
      queued = undefined; queuedNow = undefined;
      return tick(at);
    });
    return queued;
  };
  const stop = async () => {
    const inFlight = running;
    stopped = true;
    await inFlight?.catch(() => 0);
  };
  return { tick, stop, wake: () => { setImmediate(() => { void tick().catch((err) => s.logger.error({ err: (err as Error).message }, 'effect tick failed')); }); } };
}
