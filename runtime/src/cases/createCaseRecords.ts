/**
 * What a case carries besides its state: comments, attachment records (the files themselves are on
 * disk, see attachments.router.ts), and who a viewer is on it (roles plus the field matrix of an open
 * task they hold). Routers call these; they never query the store themselves.
 */
import type { Knex } from 'knex';
import type { UserRecord } from '../identity/KnexIdentityStore.ts';
import type { Viewer } from '../pii/viewPolicy.ts';
import { viewerOf } from './caseView.ts';

/** An attachment's record. */
export interface AttachmentRecord { id: string; caseId: string; name: string; mime: string; size: number; sha256: string; uploadedBy: string; createdAt: number }

const toAttachment = (r: Record<string, unknown>): AttachmentRecord => ({
  id: String(r.id), caseId: String(r.case_id), name: String(r.name), mime: String(r.mime), size: Number(r.size), sha256: String(r.sha256), uploadedBy: String(r.uploaded_by), createdAt: Number(r.created_at),
});

/** Creates the case records service. */
export function createCaseRecords(knex: Knex) {
  return {
    /** The viewer of a case (roles plus the step's field matrix when they hold an open task on it). */
    viewer: (user: UserRecord, caseId: string): Promise<Viewer> => viewerOf(knex, user, caseId),
    async comments(caseId: string): Promise<Array<{ id: number; userId: string; body: string; createdAt: number }>> {
      const rows = (await knex('comments').where({ case_id: caseId }).orderBy('id')) as Array<Record<string, unknown>>;
      return rows.map((r) => ({ id: Number(r.id), userId: String(r.user_id), body: String(r.body), createdAt: Number(r.created_at) }));
    },
    async addComment(caseId: string, userId: string, body: string): Promise<number> {
      const [id] = await knex('comments').insert({ case_id: caseId, user_id: userId, body, created_at: Date.now() });
      return Number(id);
    },
    async addAttachment(a: Omit<AttachmentRecord, 'createdAt'>): Promise<void> {
      await knex('attachments').insert({ id: a.id, case_id: a.caseId, name: a.name, mime: a.mime, size: a.size, sha256: a.sha256, uploaded_by: a.uploadedBy, created_at: Date.now() });
    },
    async attachments(caseId: string): Promise<AttachmentRecord[]> {
      return ((await knex('attachments').where({ case_id: caseId }).orderBy('created_at')) as Array<Record<string, unknown>>).map(toAttachment);
    },
    async attachment(caseId: string, id: string): Promise<AttachmentRecord | undefined> {
      const row = (await knex('attachments').where({ id, case_id: caseId }).first()) as Record<string, unknown> | undefined;
      return row ? toAttachment(row) : undefined;
    },
  };
}

/** The case records service type. */
export type CaseRecords = ReturnType<typeof createCaseRecords>;
