/**
 * 发起草稿: a field worker's form for a case not yet started, saved as they type (one row per user
 * and draft id). Each save names the revision it edits; a save over a newer revision (another
 * device, or the same form sent twice after the network came back) answers 409 `draft.conflict`.
 * ID numbers are sealed at rest like case data.
 */
import { allowedTypes, fieldQuery, storeAttachment } from '../attachments/attachments.router.ts';
import { acceptedTypesOf } from '../attachments/fieldMedia.ts';
import { checkPhotoRefs } from '../attachments/checkPhotoRefs.ts';
import { InvalidRequestError } from '../errors/DomainError.ts';
import { created, defineOperation, ok, S, type Operation } from '../http/operation.ts';
import { piiFieldsOf } from '../pii/piiFields.ts';
import { openData, sealData } from '../pii/sealData.ts';
import type { Services } from '../services.ts';
import type { IntakeDraftRow } from './createIntakeDrafts.ts';

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

type Row = IntakeDraftRow;

/** Intake-draft operations (own drafts only). */
export function intakeDraftOperations(s: Services): Operation[] {
  const toDraft = (r: Row) => ({ id: r.id, definitionId: r.definition_id, orgPath: r.org_path, step: Number(r.step), revision: Number(r.revision), updatedAt: Number(r.updated_at),
    data: openData(s.codec, JSON.parse(r.data) as Record<string, unknown>) });
  return [
    defineOperation({ method: 'get', path: '/api/drafts', operationId: 'listDrafts', tag: 'drafts', responses: ok('IntakeDraftList'), schemas, summary: '我的发起草稿 My intake drafts',
      query: { definitionId: S.id },
      async handler({ user, query }) {
        return { body: { items: (await s.drafts.list(user.id, query.definitionId)).map(toDraft) } };
      } }),
    defineOperation({ method: 'put', path: '/api/drafts/{id}', operationId: 'saveIntakeDraft', tag: 'drafts', responses: ok('DraftRevision'), schemas,
      summary: '暂存发起草稿（带修订号） Save an intake draft (with the revision it edits)', params: { id: draftId },
      body: S.object({ definitionId: S.id, orgPath: S.orgPath, step: { type: 'integer', minimum: 0, maximum: 50 }, data: S.anyObject, revision: { type: 'integer', minimum: 0 } }, ['definitionId', 'data', 'revision']),
      async handler({ user, params, body }) {
        const { definition } = await s.definitions.get(body.definitionId); // definition.not-found for an unknown item
        await checkPhotoRefs(s.attachments.typesOf, definition, body.data);
        const sealed = sealData(s.codec, piiFieldsOf(definition), { ...body.data });
        const now = Date.now();
        await s.drafts.save(user.id, params.id, body.revision, { definitionId: body.definitionId, orgPath: body.orgPath ?? null, step: body.step ?? 0, sealedData: sealed, at: now });
        return { body: { id: params.id, revision: body.revision + 1, updatedAt: now } };
      } }),
    defineOperation({ method: 'post', path: '/api/drafts/{id}/attachments', operationId: 'uploadDraftAttachment', tag: 'drafts', responses: created('AttachmentCreated'),
      summary: '为草稿上传照片或附件（案件创建时随之归档） Upload a file for a draft (adopted by the case it becomes)',
      // `definitionId` with `field`: the form field the file is for (the draft may not be saved yet); a photo field takes images only
      params: { id: draftId }, query: { name: { type: 'string', minLength: 1, maxLength: 200, required: true }, definitionId: S.id, ...fieldQuery }, rawBody: { maxBytes: s.config.attachmentMaxBytes, contentTypes: allowedTypes },
      async handler({ req, user, params, query }) {
        // a draft id must not name a case: uploads to a case go through its own endpoint and scope check
        if (await s.drafts.isCase(params.id)) throw new InvalidRequestError('request.invalid', { errors: [{ path: '/params/id', message: 'a case id, not a draft id' }] });
        if (query.field && !query.definitionId) throw new InvalidRequestError('request.invalid', { errors: [{ path: '/query/definitionId', message: 'field needs definitionId' }] });
        const target = query.field && query.definitionId ? { field: query.field, accepted: acceptedTypesOf((await s.definitions.get(query.definitionId)).definition, query.field) } : undefined;
        return { status: 201, body: await storeAttachment(s, req.body, params.id, query.name, user.id, req.headers['content-type'], target) };
      } }),
    defineOperation({ method: 'delete', path: '/api/drafts/{id}', operationId: 'deleteIntakeDraft', tag: 'drafts', responses: ok('Deleted'), schemas, summary: '删除发起草稿（幂等） Delete an intake draft (idempotent)',
      params: { id: draftId },
      async handler({ user, params }) {
        // idempotent: a draft already sent (or never saved here) deletes nothing
        return { body: { deleted: await s.drafts.remove(user.id, params.id) } };
      } }),
  ];
}
