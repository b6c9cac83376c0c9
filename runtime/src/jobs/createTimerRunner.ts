/**
 * Fires due timers through the command path — the same transaction as an API command (optimistic
 * version, events, task projection, outbox, audit) — after claiming each one. Shared by every
 * driver and by seeding (`advance` steps), so there is one way a timer fires.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { CaseCommands } from '../cases/createCaseCommands.ts';
import { ConflictError, EventRefusedError, NotFoundError } from '../errors/DomainError.ts';
import { sourceUser } from './systemUsers.ts';
import { armedTimers, claimTimer, dueTimers, failTimer, finishTimer, nextDueAt, timerState, type DueTimer, type TimerState } from './timerRows.ts';

/** What the runner needs. */
export interface TimerRunnerDeps {
  knex: Knex; commands: Pick<CaseCommands, 'act'>; logger?: Logger; owner?: string; batch?: number;
  /** how long a claim holds before another runtime may take the timer over (default LEASE_MS) */
  leaseMs?: number;
  /** told how each claimed timer ended and how late (wall clock) it fired: the metrics */
  onOutcome?(t: DueTimer, outcome: 'fired' | 'stale' | 'refused' | 'failed', lagMs: number): void;
}

/** Fires due timers; `runDue` resolves to how many fired. Also reads timer rows for drivers that keep their own wake-ups. */
export interface TimerRunner {
  owner: string;
  runDue(now: number, opts?: { caseId?: string }): Promise<number>;
  /** armed timers, oldest first, keyset-paged (`after` = the last one of the previous page) */
  armed(opts?: { caseId?: string; after?: DueTimer; limit?: number }): Promise<DueTimer[]>;
  /** one timer's status, due time and lease; undefined when there is no such row */
  state(caseId: string, timerKey: string): Promise<TimerState | undefined>;
  /** the earliest due time among armed timers, so a driver can sleep until then */
  nextDue(): Promise<number | undefined>;
}

/**
 * Engine refusals meaning the case has moved on since the timer was claimed (the timer was
 * cancelled by a command, or the case closed): the timer is stale, not failed.
 */
const staleEngineCodes = new Set(['run.unknown-timer', 'run.case-finished']);

type Outcome = 'fired' | 'stale' | { refused: string[] };

async function sendFired(commands: TimerRunnerDeps['commands'], t: DueTimer): Promise<Outcome> {
  for (let attempt = 0; ; attempt++) {
    try {
      await commands.act(sourceUser('system'), t.caseId, { type: 'timer.fired', timerId: t.timerKey } as never);
      return 'fired';
    } catch (err) {
      // A user command won the race for the case version: retry on the new version.
      if (err instanceof ConflictError && err.code === 'case.version-conflict' && attempt < 5) continue;
      if (err instanceof NotFoundError && err.code === 'case.not-found') return 'stale';
      if (!(err instanceof EventRefusedError)) throw err;
      const codes = err.diagnostics.map((d) => d.code);
      return codes.some((c) => staleEngineCodes.has(c)) ? 'stale' : { refused: codes };
    }
  }
}

/** Creates a runner; `owner` names this runtime in claims (unique per process by default). */
export function createTimerRunner(deps: TimerRunnerDeps): TimerRunner {
  const owner = deps.owner ?? `rt-${randomUUID().slice(0, 8)}`;
  const batch = deps.batch ?? 100;
  async function fireOne(t: DueTimer, now: number): Promise<boolean> {
    if (!(await claimTimer(deps.knex, t, owner, now, deps.leaseMs))) return false;
    try {
      const result = await sendFired(deps.commands, t);
      if (typeof result === 'object') {
        // The engine refuses it for a reason a retry cannot change (e.g. the definition's timeout event is handled nowhere): park it.
        deps.logger?.warn({ caseId: t.caseId, timer: t.timerKey, codes: result.refused }, 'timer refused by the engine');
        await failTimer(deps.knex, t, owner, `refused: ${result.refused.join(', ')}`, { final: true });
        deps.onOutcome?.(t, 'refused', Date.now() - t.dueAt);
        return false;
      }
      await finishTimer(deps.knex, t, owner, result, now);
      deps.onOutcome?.(t, result, Date.now() - t.dueAt);
      return result === 'fired';
    } catch (err) {
      deps.logger?.error({ caseId: t.caseId, timer: t.timerKey, err: (err as Error).message }, 'timer fire failed');
      await failTimer(deps.knex, t, owner, (err as Error).message ?? 'error').catch((e: Error) =>
        // the store itself is away: the lease runs out and the claim is retried, so the timer is not lost
        deps.logger?.error({ caseId: t.caseId, timer: t.timerKey, code: 'jobs.timer-fail-unrecorded', err: e.message }, 'could not record the failed try; retried after the lease'));
      deps.onOutcome?.(t, 'failed', Date.now() - t.dueAt);
      return false;
    }
  }
  return {
    owner,
    async runDue(now, opts = {}) {
      let fired = 0;
      // Firing can arm new timers already due (a breach rung with after=PT0S): loop until none are left.
      for (let round = 0; round < 50; round++) {
        const due = await dueTimers(deps.knex, now, batch, opts.caseId);
        let progressed = 0;
        for (const t of due) if (await fireOne(t, now)) { fired++; progressed++; }
        if (due.length < batch && progressed === 0) break;
        if (!due.length) break;
      }
      return fired;
    },
    armed: (opts) => armedTimers(deps.knex, opts),
    state: (caseId, timerKey) => timerState(deps.knex, caseId, timerKey),
    nextDue: () => nextDueAt(deps.knex),
  };
}
