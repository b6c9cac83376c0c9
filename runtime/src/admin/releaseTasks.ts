/**
 * A moved worker's tasks go back to their group's queue inside the move's own transaction: each
 * through the command path (`task.released`, one command per case, so the snapshot, the task rows,
 * candidates and the case's audit entry change together), joined to the admin's transaction, with
 * the engine's directory as that transaction sees it (the worker already at the new unit). A store
 * failure rolls back the move with the releases; a task the engine refuses to release (completed
 * meanwhile) is reported, not forced, and the rest go on.
 */
import { createDirectory } from '@tongban/engine';
import { sourceUser } from '../jobs/systemUsers.ts';
import { DomainError } from '../errors/DomainError.ts';
import type { Services } from '../services.ts';
import type { AdminTx } from './adminTx.ts';

/** A task to release and its case. */
export interface TaskRef { taskId: string; caseId: string }

/** Releases the tasks in `tx`; answers which were released and which not (with the refusal's code). */
export async function releaseTasks(s: Pick<Services, 'commands' | 'identity' | 'runOptions'>, tx: AdminTx, tasks: TaskRef[], userId: string): Promise<{ released: string[]; notReleased: Array<{ taskId: string; code: string }> }> {
  const released: string[] = [];
  const notReleased: Array<{ taskId: string; code: string }> = [];
  if (!tasks.length) return { released, notReleased };
  const runOptions = { calendar: s.runOptions.calendar, directory: createDirectory(await s.identity.directoryData(tx.trx)) };
  for (const t of tasks) {
    try {
      await s.commands.act(sourceUser('system'), t.caseId, { type: 'task.released', taskId: t.taskId, userId } as never, undefined, { trx: tx.trx, runOptions });
      released.push(t.taskId);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      notReleased.push({ taskId: t.taskId, code: err.code });
    }
  }
  return { released, notReleased };
}
