/**
 * Wraps the command service so the jobs driver hears about every timer a command arms or cancels:
 * `create` and `act` hand back their `timer.start` / `timer.cancel` effects (netted per timer, as
 * `applyEffects` stores them), so no read is needed. The rows themselves are written by the command's transaction; the hints are only about
 * firing on time, so a lost one (a crash) costs at most the driver's safety poll, or the next start.
 */
import type { CaseCommands } from '../cases/createCaseCommands.ts';
import type { JobDriver } from './JobDriver.ts';
import type { Effect } from '@tongban/engine';

/** The command service with wake-ups for new timers and removals for cancelled ones. */
export function withTimerWakeups(commands: CaseCommands, jobs: () => JobDriver | undefined): CaseCommands {
  function hint(caseId: string, effects: Effect[]): void {
    const driver = jobs();
    if (!driver) return;
    const net = new Map<string, number | 'cancel'>();
    for (const e of effects) {
      if (e.kind === 'timer.start') net.set(e.timerId, e.dueAt);
      else if (e.kind === 'timer.cancel') net.set(e.timerId, 'cancel');
    }
    for (const [timerKey, v] of net) {
      if (v === 'cancel') driver.cancel({ caseId, timerKey });
      else driver.schedule({ caseId, timerKey, dueAt: v });
    }
  }
  return {
    ...commands,
    async create(...args: Parameters<CaseCommands['create']>) {
      const out = await commands.create(...args);
      hint(out.id, out.effects);
      return out;
    },
    async act(...args: Parameters<CaseCommands['act']>) {
      const out = await commands.act(...args);
      hint(args[1], out.effects);
      return out;
    },
  };
}
