/** The `attachments` rows: what a case (or an intake draft) holds, its quota, and adoption by the case a draft becomes. */
import type { Knex } from 'knex';

/** One stored attachment's row, as the routes read it. */
export interface AttachmentRow { id: string; case_id: string; name: string; mime: string; size: number | string; sha256: string; uploaded_by: string; created_at: number | string }

/** The recorded type (sniffed from the bytes at upload) of each stored attachment among `ids`, read through `q` (a command's transaction, or the pool). */
export async function attachmentTypes(q: Knex | Knex.Transaction, ids: string[]): Promise<Map<string, string>> {
  const types = new Map<string, string>();
  // in slices, so a value list far past a form's maxItems never builds one huge IN (…)
  for (let i = 0; i < ids.length; i += 500) {
    const rows = (await q('attachments').whereIn('id', ids.slice(i, i + 500)).select('id', 'mime')) as Array<{ id: string; mime: string }>;
    for (const r of rows) types.set(String(r.id), String(r.mime));
  }
  return types;
}

/** Creates the attachment records. */
export function createAttachmentStore(knex: Knex) {
  return {
    /** Bytes a case's (or a draft's) attachments hold. */
    async bytesOf(owner: string): Promise<number> {
      const row = (await knex('attachments').where({ case_id: owner }).sum({ n: 'size' }).first()) as { n: number | string | null } | undefined;
      return Number(row?.n ?? 0);
    },
    /** The recorded types of the stored attachments among `ids` (checkPhotoRefs.ts). */
    typesOf: (ids: string[]) => attachmentTypes(knex, ids),
    /** Records a file already written to disk. */
    async add(row: { id: string; owner: string; name: string; mime: string; size: number; sha256: string; uploadedBy: string; at: number }): Promise<void> {
      await knex('attachments').insert({ id: row.id, case_id: row.owner, name: row.name, mime: row.mime, size: row.size, sha256: row.sha256, uploaded_by: row.uploadedBy, created_at: row.at });
    },
    /** A case's attachments, oldest first. */
    async list(caseId: string): Promise<AttachmentRow[]> {
      return (await knex('attachments').where({ case_id: caseId }).orderBy('created_at')) as AttachmentRow[];
    },
    /** One attachment of a case, or undefined. */
    async find(caseId: string, id: string): Promise<AttachmentRow | undefined> {
      return (await knex('attachments').where({ id, case_id: caseId }).first()) as AttachmentRow | undefined;
    },
    /**
     * Files uploaded while a draft was filled (photos taken before the case exists) belong to the
     * draft id; the new case adopts those its data names, so they move with it and nobody else's do.
     */
    async adopt(draft: string, userId: string, caseId: string, ids: string[]): Promise<number> {
      if (!ids.length) return 0;
      return knex('attachments').where({ case_id: draft, uploaded_by: userId }).whereIn('id', ids).update({ case_id: caseId });
    },
  };
}

/** The attachment records type. */
export type AttachmentStore = ReturnType<typeof createAttachmentStore>;
