/**
 * Wraps the command service so every `timer.start` a command produces is handed to the jobs
 * driver as a wake-up hint. The timer row itself is written by the command's transaction; the
 * hint is only about firing on time, so losing it (a crash) costs at most one poll interval.
 */
import type { CaseCommands } from '../cases/createCaseCommands.ts';
import type { JobDriver } from './JobDriver.ts';

/** The command service with wake-ups for new timers. */
export function withTimerWakeups(commands: CaseCommands, jobs: () => JobDriver | undefined): CaseCommands {
  return {
    ...commands,
    async act(...args: Parameters<CaseCommands['act']>) {
      const out = await commands.act(...args);
      for (const e of out.effects) if (e.kind === 'timer.start') jobs()?.schedule(e.dueAt);
      return out;
    },
  };
}
