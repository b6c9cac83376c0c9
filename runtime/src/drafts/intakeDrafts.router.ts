/**
 * 发起草稿: a field worker's form for a case not yet started, saved as they type (one row per user
 * and draft id). Each save names the revision it edits; a save over a newer revision (another
 * device, or the same form sent twice after the network came back) answers 409 `draft.conflict`.
 * ID numbers are sealed at rest like case data.
 */
import type { Knex } from 'knex';
import { allowedTypes, storeAttachment } from '../attachments/attachments.router.ts';
import { ConflictError, InvalidRequestError } from '../errors/DomainError.ts';
import { created, defineOperation, ok, S, type Operation } from '../http/operation.ts';
import { piiFieldsOf } from '../pii/piiFields.ts';
import { openData, sealData } from '../pii/sealData.ts';
import type { Services } from '../services.ts';

const draft = { type: 'object', additionalProperties: false, required: ['id', 'definitionId', 'orgPath', 'step', 'revision', 'updatedAt', 'data'],
  properties: { id: { type: 'string' }, definitionId: { type: 'string' }, orgPath: { type: ['string', 'null'] }, step: { type: 'integer' }, revision: { type: 'integer' },
    updatedAt: { type: 'integer' }, data: { type: 'object', additionalProperties: true } } };
const schemas = {
  IntakeDraft: draft,
  IntakeDraftList: { type: 'object', additionalProperties: false, required: ['items'], properties: { items: { type: 'array', items: { $ref: '#/components/schemas/IntakeDraft' } } } },
  DraftRevision: { type: 'object', additionalProperties: false, required: ['id', 'revision', 'updatedAt'], properties: { id: { type: 'string' }, revision: { type: 'integer' }, updatedAt: { type: 'integer' } } },
  Deleted: { type: 'object', additionalProperties: false, required: ['deleted'], properties: { deleted: { type: 'boolean' } } },
};

const draftId = { type: 'string', pattern: '^[A-Za-z0-9-]{8,36}$' };

/**
 * Files uploaded while a draft was filled (photos taken before the case exists) belong to the
 * draft id; the new case adopts those its data names, so they move with it and nobody else's do.
 */
export async function adoptDraftAttachments(knex: Knex | Knex.Transaction, draft: string, userId: string, caseId: string, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  return knex('attachments').where({ case_id: draft, uploaded_by: userId }).whereIn('id', ids).update({ case_id: caseId });
}

type Row = { id: string; definition_id: string; org_path: string | null; step: number; revision: number; updated_at: number | string; data: string };

/** Intake-draft operations (own drafts only). */
export function intakeDraftOperations(s: Services): Operation[] {
  const knex = s.db.knex;
  const toDraft = (r: Row) => ({ id: r.id, definitionId: r.definition_id, orgPath: r.org_path, step: Number(r.step), revision: Number(r.revision), updatedAt: Number(r.updated_at),
    data: openData(s.codec, JSON.parse(r.data) as Record<string, unknown>) });
  return [
    defineOperation({ method: 'get', path: '/api/drafts', operationId: 'listDrafts', tag: 'drafts', responses: ok('IntakeDraftList'), schemas, summary: '我的发起草稿 My intake drafts',
      query: { definitionId: S.id },
      async handler({ user, query }) {
        const q = knex('intake_drafts').where({ user_id: user.id }).orderBy('updated_at', 'desc').limit(50);
        if (query.definitionId) q.where({ definition_id: query.definitionId });
        return { body: { items: ((await q) as Row[]).map(toDraft) } };
      } }),
    defineOperation({ method: 'put', path: '/api/drafts/{id}', operationId: 'saveIntakeDraft', tag: 'drafts', responses: ok('DraftRevision'), schemas,
      summary: '暂存发起草稿（带修订号） Save an intake draft (with the revision it edits)', params: { id: draftId },
      body: S.object({ definitionId: S.id, orgPath: S.orgPath, step: { type: 'integer', minimum: 0, maximum: 50 }, data: S.anyObject, revision: { type: 'integer', minimum: 0 } }, ['definitionId', 'data', 'revision']),
      async handler({ user, params, body }) {
        const { definition } = await s.definitions.get(body.definitionId); // definition.not-found for an unknown item
        const sealed = sealData(s.codec, piiFieldsOf(definition), { ...body.data });
        const now = Date.now();
        return knex.transaction(async (trx) => {
          const cur = (await trx('intake_drafts').where({ user_id: user.id, id: params.id }).first('revision')) as { revision: number } | undefined;
          if ((cur ? Number(cur.revision) : 0) !== body.revision) throw new ConflictError('draft.conflict', { currentRevision: cur ? Number(cur.revision) : 0 });
          const row = { definition_id: body.definitionId, org_path: body.orgPath ?? null, step: body.step ?? 0, data: JSON.stringify(sealed), revision: body.revision + 1, updated_at: now };
          if (cur) await trx('intake_drafts').where({ user_id: user.id, id: params.id, revision: body.revision }).update(row);
          else await trx('intake_drafts').insert({ ...row, id: params.id, user_id: user.id });
          return { body: { id: params.id, revision: body.revision + 1, updatedAt: now } };
        });
      } }),
    defineOperation({ method: 'post', path: '/api/drafts/{id}/attachments', operationId: 'uploadDraftAttachment', tag: 'drafts', responses: created('AttachmentCreated'),
      summary: '为草稿上传照片或附件（案件创建时随之归档） Upload a file for a draft (adopted by the case it becomes)',
      params: { id: draftId }, query: { name: { type: 'string', minLength: 1, maxLength: 200, required: true } }, rawBody: { maxBytes: s.config.attachmentMaxBytes, contentTypes: allowedTypes },
      async handler({ req, user, params, query }) {
        // a draft id must not name a case: uploads to a case go through its own endpoint and scope check
        if (await knex('cases').where({ id: params.id }).first('id')) throw new InvalidRequestError('request.invalid', { errors: [{ path: '/params/id', message: 'a case id, not a draft id' }] });
        return { status: 201, body: await storeAttachment(s, req.body, params.id, query.name, user.id, req.headers['content-type']) };
      } }),
    defineOperation({ method: 'delete', path: '/api/drafts/{id}', operationId: 'deleteIntakeDraft', tag: 'drafts', responses: ok('Deleted'), schemas, summary: '删除发起草稿（幂等） Delete an intake draft (idempotent)',
      params: { id: draftId },
      async handler({ user, params }) {
        // idempotent: a draft already sent (or never saved here) deletes nothing
        const n = await knex('intake_drafts').where({ user_id: user.id, id: params.id }).delete();
        return { body: { deleted: n > 0 } };
      } }),
  ];
}
