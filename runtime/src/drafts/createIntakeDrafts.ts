/**
 * 发起草稿 rows (one per user and draft id): listed, saved over the revision they edit (a save over
 * a newer revision is refused with `draft.conflict`), deleted, and finished when the case they
 * became adopts their files. Data arrives sealed (ID numbers encrypted) and leaves sealed.
 */
import type { Knex } from 'knex';
import { ConflictError } from '../errors/DomainError.ts';
import type { AttachmentStore } from '../attachments/createAttachmentStore.ts';

/** One draft row. */
export interface IntakeDraftRow { id: string; definition_id: string; org_path: string | null; step: number; revision: number; updated_at: number | string; data: string }

/** Creates the intake-draft records. */
export function createIntakeDrafts(knex: Knex, attachments: AttachmentStore) {
  return {
    /** The user's newest 50 drafts, of one item when asked. */
    async list(userId: string, definitionId?: string): Promise<IntakeDraftRow[]> {
      const q = knex('intake_drafts').where({ user_id: userId }).orderBy('updated_at', 'desc').limit(50);
      if (definitionId) q.where({ definition_id: definitionId });
      return (await q) as IntakeDraftRow[];
    },
    /** Saves a new revision over `revision` (0: a new draft); `draft.conflict` when the stored one is another. */
    async save(userId: string, id: string, revision: number, draft: { definitionId: string; orgPath: string | null; step: number; sealedData: Record<string, unknown>; at: number }): Promise<void> {
      await knex.transaction(async (trx) => {
        const cur = (await trx('intake_drafts').where({ user_id: userId, id }).first('revision')) as { revision: number } | undefined;
        if ((cur ? Number(cur.revision) : 0) !== revision) throw new ConflictError('draft.conflict', { currentRevision: cur ? Number(cur.revision) : 0 });
        const row = { definition_id: draft.definitionId, org_path: draft.orgPath, step: draft.step, data: JSON.stringify(draft.sealedData), revision: revision + 1, updated_at: draft.at };
        if (cur) await trx('intake_drafts').where({ user_id: userId, id, revision }).update(row);
        else await trx('intake_drafts').insert({ ...row, id, user_id: userId });
      });
    },
    /** True when the id names a case (a draft id must not: uploads to a case go through its own scope check). */
    async isCase(id: string): Promise<boolean> {
      return !!(await knex('cases').where({ id }).first('id'));
    },
    /** Deletes one of the user's drafts; false when there was none. */
    async remove(userId: string, id: string): Promise<boolean> {
      return (await knex('intake_drafts').where({ user_id: userId, id }).delete()) > 0;
    },
    /** The draft became case `caseId`: the files its data names move to the case, and the draft is gone. */
    async finish(userId: string, draftId: string, caseId: string, attachmentIds: string[]): Promise<void> {
      await attachments.adopt(draftId, userId, caseId, attachmentIds);
      await knex('intake_drafts').where({ user_id: userId, id: draftId }).delete();
    },
  };
}

/** The intake-draft records type. */
export type IntakeDrafts = ReturnType<typeof createIntakeDrafts>;
