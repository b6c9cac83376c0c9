/**
 * After a worker moved under the `return-to-group` rule: each open task they held goes back to its
 * group's queue through the command path (`task.released`, one command per case, so the snapshot,
 * the task rows, candidates and the case's audit entry change together). The move itself has
 * committed by then; a task that changed meanwhile (completed, transferred) is reported, not forced.
 */
import { sourceUser } from '../jobs/systemUsers.ts';
import { DomainError } from '../errors/DomainError.ts';
import type { Services } from '../services.ts';

/** Releases the tasks; answers which were released and which not (with the refusal's code). */
export async function releaseTasks(s: Pick<Services, 'commands'>, tasks: Array<{ taskId: string; caseId: string }>, userId: string): Promise<{ released: string[]; notReleased: Array<{ taskId: string; code: string }> }> {
  const released: string[] = [];
  const notReleased: Array<{ taskId: string; code: string }> = [];
  for (const t of tasks) {
    try {
      await s.commands.act(sourceUser('system'), t.caseId, { type: 'task.released', taskId: t.taskId, userId } as never);
      released.push(t.taskId);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      notReleased.push({ taskId: t.taskId, code: err.code });
    }
  }
  return { released, notReleased };
}
