/**
 * Wraps the command service so the jobs driver hears about every timer a command arms or cancels:
 * `act` reads its `timer.start` / `timer.cancel` effects (netted per timer, as `applyEffects` stores
 * them); `create` returns no effects, so the new case's armed timers are read back (one indexed
 * query). The rows themselves are written by the command's transaction; the hints are only about
 * firing on time, so a lost one (a crash) costs at most the driver's safety poll, or the next start.
 */
import type { CaseCommands } from '../cases/createCaseCommands.ts';
import type { JobDriver } from './JobDriver.ts';
import type { TimerRunner } from './createTimerRunner.ts';

/** The command service with wake-ups for new timers and removals for cancelled ones. */
export function withTimerWakeups(commands: CaseCommands, jobs: () => JobDriver | undefined, timers: Pick<TimerRunner, 'armed'>): CaseCommands {
  return {
    ...commands,
    async create(...args: Parameters<CaseCommands['create']>) {
      const out = await commands.create(...args);
      const driver = jobs();
      if (driver) for (const t of await timers.armed({ caseId: out.id })) driver.schedule(t);
      return out;
    },
    async act(...args: Parameters<CaseCommands['act']>) {
      const out = await commands.act(...args);
      const driver = jobs();
      if (!driver) return out;
      const caseId = args[1];
      const net = new Map<string, number | 'cancel'>();
      for (const e of out.effects) {
        if (e.kind === 'timer.start') net.set(e.timerId, e.dueAt);
        else if (e.kind === 'timer.cancel') net.set(e.timerId, 'cancel');
      }
      for (const [timerKey, v] of net) {
        if (v === 'cancel') driver.cancel({ caseId, timerKey });
        else driver.schedule({ caseId, timerKey, dueAt: v });
      }
      return out;
    },
  };
}
