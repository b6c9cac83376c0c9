/** Task rows the API touches directly: drafts (暂存), the unscoped lookup 撤回 and 催办 need (callers check scope), a task's definition. */
import type { Knex } from 'knex';

/** Creates the task records service. */
export function createTaskRecords(knex: Knex) {
  return {
    /** A task row by id, whatever its status and whoever may see it (callers check). */
    byId: async (id: string): Promise<Record<string, unknown> | undefined> => (await knex('tasks').where({ id }).first()) as Record<string, unknown> | undefined,
    /** The definition id and version the task's case runs. */
    async definitionOf(task: Record<string, unknown>): Promise<[string, number]> {
      const c = (await knex('cases').where({ id: String(task.case_id) }).first('definition_id', 'definition_version')) as { definition_id: string; definition_version: number };
      return [String(c.definition_id), Number(c.definition_version)];
    },
    /** Saves the assignee's draft of a task's form, personal data already sealed (checked when submitted, not now). */
    async saveDraft(id: string, data: Record<string, unknown>): Promise<void> {
      await knex('tasks').where({ id }).update({ draft: JSON.stringify(data), draft_at: Date.now() });
    },
  };
}

/** The task records service type. */
export type TaskRecords = ReturnType<typeof createTaskRecords>;
