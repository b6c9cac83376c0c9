/** Task rows the API touches directly: drafts (暂存) and the unscoped lookup 撤回 needs (the submitter's own finished task). */
import type { Knex } from 'knex';

/** Creates the task records service. */
export function createTaskRecords(knex: Knex) {
  return {
    /** A task row by id, whatever its status and whoever may see it (callers check). */
    byId: async (id: string): Promise<Record<string, unknown> | undefined> => (await knex('tasks').where({ id }).first()) as Record<string, unknown> | undefined,
    /** Saves the assignee's draft of a task's form (checked when submitted, not now). */
    async saveDraft(id: string, data: Record<string, unknown>): Promise<void> {
      await knex('tasks').where({ id }).update({ draft: JSON.stringify(data), draft_at: Date.now() });
    },
  };
}

/** The task records service type. */
export type TaskRecords = ReturnType<typeof createTaskRecords>;
