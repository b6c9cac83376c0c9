/**
 * The designer's API (county admins only): the sample county's directory for previews and
 * simulation, the working draft with conflict detection, the scenarios saved with an item, a
 * server-side replay of them, publishing a draft (lint + scenarios, then a numbered version), and
 * before publishing, the draft's impact on running cases and a preview of a state mapping for them.
 */
import { loadDefinition, type Definition } from '@tongban/engine';
import { ConflictError, ForbiddenError, NotFoundError, RefusedError } from '../errors/DomainError.ts';
import { defineOperation, ok, S, type Operation, type Schema } from '../http/operation.ts';
import type { AppAbility } from '../authz/defineAbilities.ts';
import type { Services } from '../services.ts';
import { mustLoad } from '../definitions/KnexDefinitionStore.ts';
import { KnexDesignerStore, type ScenarioRecord } from './KnexDesignerStore.ts';
import { assertPublishable } from './publishGate.ts';
import { mappingSchema } from '../definitions/migrations.router.ts';
import { libraries } from '@tongban/definitions/library';

const version = { type: 'integer', minimum: 1, maximum: 1_000_000 };
const itemId = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$' };
const scenario = S.object({
  name: { type: 'string', minLength: 1, maxLength: 100 },
  script: { type: 'object', maxProperties: 10 },
  expect: S.object({ state: {}, status: { type: 'string', maxLength: 20 } }, ['state', 'status']),
  savedBy: S.text(64), savedAt: { type: 'integer', minimum: 0 },
}, ['name', 'script', 'expect']);

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const obj = (properties: Record<string, Schema>, optional: string[] = []): Schema => ({
  type: 'object', additionalProperties: false, properties, required: Object.keys(properties).filter((k) => !optional.includes(k)),
});
const anyJson = {} as const;
const strs = { type: 'array', items: str } as const;

/** The designer's response bodies (components of the OpenAPI document). */
const schemas: Record<string, Schema> = {
  DesignerDirectory: obj({
    orgs: { type: 'array', items: obj({ path: str, name: str }) },
    users: { type: 'array', items: obj({ id: str, name: str, disabled: { type: 'boolean' }, roles: { type: 'array', items: ref('RoleAssignment') } }) },
  }),
  DesignerDraft: obj({ id: str, revision: int, definition: { type: 'object' }, updatedBy: str, updatedByName: str, updatedAt: int }),
  DesignerDraftSaved: obj({ revision: int, updatedAt: int }),
  DesignerScenario: obj({ name: str, script: { type: 'object' }, expect: obj({ state: anyJson, status: str }), savedBy: str, savedAt: int }, ['savedBy', 'savedAt']),
  DesignerScenarioList: obj({ items: { type: 'array', items: ref('DesignerScenario') } }),
  DesignerScenarioResult: obj({ name: str, ok: { type: 'boolean' }, state: anyJson, status: str, problems: { type: 'array', items: obj({ code: str, message: ref('LocalizedText') }) } }),
  DesignerScenarioResults: obj({ items: { type: 'array', items: ref('DesignerScenarioResult') } }),
  DesignerPublished: obj({ id: str, version: int, scenarios: { type: 'array', items: ref('DesignerScenarioResult') } }),
  DesignerLibraries: obj({ items: { type: 'array', items: obj({ id: str, version: int, title: ref('LocalizedText'), templates: { type: 'object', additionalProperties: ref('LocalizedText') }, roles: { type: 'object', additionalProperties: { type: 'object' } } }) } }),
  DesignerMigrationPreview: obj({ from: int, to: int, cases: { type: 'array', items: ref('DesignerMigrationPreviewCase') } }),
  DesignerMigrationPreviewCase: obj({
    caseId: str, ref: str, ok: { type: 'boolean' }, state: anyJson, newState: anyJson,
    tasks: obj({ kept: strs, lost: strs, gained: strs }), droppedFields: strs,
    diagnostics: { type: 'array', items: obj({ code: str, path: str, message: ref('LocalizedText') }) },
  }, ['state', 'newState', 'tasks', 'droppedFields']),
};

/** Operations of the designer. */
export function designerOperations(s: Services, store: KnexDesignerStore): Operation[] {
  const admin = (ability: AppAbility) => { if (!ability.can('manage', 'Definition')) throw new ForbiddenError('authz.forbidden'); };
  return [
    defineOperation({ method: 'get', path: '/api/designer/directory', operationId: 'designerDirectory', schemas, responses: ok('DesignerDirectory'), tag: 'designer', summary: '设计器用组织与人员（示例县） Directory for previews and simulation',
      async handler({ ability }) { admin(ability); return { body: await s.identity.directoryData() }; } }),
    defineOperation({ method: 'get', path: '/api/designer/libraries', operationId: 'designerLibraries', schemas, responses: ok('DesignerLibraries'), tag: 'designer', summary: '公共库：共享的消息模板与角色 Shared libraries: message templates and roles',
      async handler({ ability }) {
        admin(ability);
        return { body: { items: Object.values(libraries).map((l) => ({ id: l.id, version: l.version, title: l.title, templates: (l.templates ?? {}) as Record<string, unknown>, roles: (l.roles ?? {}) as Record<string, unknown> })) } };
      } }),
    defineOperation({ method: 'get', path: '/api/designer/drafts/{id}', operationId: 'getDesignerDraft', responses: ok('DesignerDraft'), tag: 'designer', summary: '正在编辑的草稿 The working draft', params: { id: itemId },
      async handler({ ability, params }) {
        admin(ability);
        const d = await store.getDraft(params.id);
        if (!d) throw new NotFoundError('designer.draft-not-found', { id: params.id });
        return { body: d };
      } }),
    defineOperation({ method: 'put', path: '/api/designer/drafts/{id}', operationId: 'saveDesignerDraft', responses: ok('DesignerDraftSaved'), tag: 'designer', summary: '保存草稿（基于某次保存，冲突时 409） Save the draft', params: { id: itemId },
      body: S.object({ definition: S.anyObject, baseRevision: { type: 'integer', minimum: 0, maximum: 2147483646 } }, ['definition', 'baseRevision']),
      async handler({ ability, params, body, user }) {
        admin(ability);
        // A draft may be incomplete (saved as the admin types): only its id is checked here; lint and the schema gate publishing.
        if ((body.definition as { id?: unknown }).id !== params.id) throw new RefusedError('designer.id-mismatch', { id: params.id });
        return { body: await store.saveDraft(params.id, body.definition, body.baseRevision, user.id) };
      } }),
    defineOperation({ method: 'get', path: '/api/designer/scenarios/{id}', operationId: 'listScenarios', responses: ok('DesignerScenarioList'), tag: 'designer', summary: '事项的模拟场景 Saved scenarios', params: { id: itemId },
      async handler({ ability, params }) { admin(ability); return { body: { items: await store.scenarios(params.id) } }; } }),
    defineOperation({ method: 'put', path: '/api/designer/scenarios/{id}', operationId: 'saveScenarios', responses: ok('DesignerScenarioList'), tag: 'designer', summary: '保存模拟场景 Save scenarios', params: { id: itemId },
      body: S.object({ items: { type: 'array', maxItems: 50, items: scenario } }, ['items']),
      async handler({ ability, params, body, user }) {
        admin(ability);
        const items = (body.items as ScenarioRecord[]).map((x) => ({ ...x, savedBy: x.savedBy ?? user.id, savedAt: x.savedAt ?? Date.now() }));
        await store.saveScenarios(params.id, items, user.id);
        return { body: { items } };
      } }),
    defineOperation({ method: 'post', path: '/api/designer/scenarios/{id}/run', operationId: 'runScenarios', responses: ok('DesignerScenarioResults'), tag: 'designer', summary: '回归模拟场景 Replay the scenarios on a definition', params: { id: itemId },
      body: S.object({ definition: S.anyObject }, ['definition']),
      async handler({ ability, params, body }) {
        admin(ability);
        const def = mustLoad(body.definition);
        if (def.id !== params.id) throw new RefusedError('designer.id-mismatch', { id: params.id });
        try { return { body: { items: await assertPublishable(s, def) } }; } catch (e) {
          if (e instanceof RefusedError && e.code === 'designer.scenario-failed') return { body: { items: (e.details as { scenarios: unknown[] }).scenarios } };
          throw e;
        }
      } }),
    defineOperation({ method: 'post', path: '/api/designer/drafts/{id}/impact', operationId: 'designerImpact', responses: ok('MigrationDryRun'), tag: 'designer',
      summary: '发布影响：按草稿重放上一版本的在办案件 Impact of the draft on running cases', params: { id: itemId },
      body: S.object({ definition: S.anyObject, from: version, limit: { type: 'integer', minimum: 1, maximum: 500 } }, ['definition']),
      async handler({ ability, params, body }) {
        admin(ability);
        return { body: await s.migrations.dryRunUnstored(params.id, body.definition, { from: body.from, limit: body.limit }) };
      } }),
    defineOperation({ method: 'post', path: '/api/designer/drafts/{id}/migration-preview', operationId: 'designerMigrationPreview', responses: ok('DesignerMigrationPreview'), tag: 'designer',
      summary: '迁移预览：状态映射对所选案件的结果（不写入） Preview a state mapping on chosen cases', params: { id: itemId },
      body: S.object({ definition: S.anyObject, from: version, cases: { type: 'array', items: S.id, minItems: 1, maxItems: 500, uniqueItems: true }, mapping: mappingSchema }, ['definition', 'from', 'cases']),
      async handler({ ability, params, body, user }) {
        admin(ability);
        const who = { id: user.id, roles: [...new Set(user.roles.map((r) => r.role))], orgPath: user.orgPath };
        return { body: await s.migrations.previewMigration(who, params.id, body.definition, { from: body.from, caseIds: body.cases, mapping: body.mapping ?? {} }) };
      } }),
    defineOperation({ method: 'post', path: '/api/designer/drafts/{id}/publish', operationId: 'publishDesignerDraft', responses: ok('DesignerPublished'), tag: 'designer', summary: '发布草稿（检查错误与场景） Publish the draft', params: { id: itemId },
      body: S.object({ revision: { type: 'integer', minimum: 1, maximum: 2147483646 } }, ['revision']),
      async handler({ ability, params, body, user }) {
        admin(ability);
        const draft = await store.getDraft(params.id);
        if (!draft) throw new NotFoundError('designer.draft-not-found', { id: params.id });
        if (draft.revision !== body.revision) throw new ConflictError('designer.draft-conflict', { revision: draft.revision, updatedBy: draft.updatedBy, updatedByName: draft.updatedByName, updatedAt: draft.updatedAt });
        const loaded = loadDefinition(draft.definition);
        if (!loaded.ok) throw new RefusedError('definition.invalid', { diagnostics: loaded.diagnostics.slice(0, 50) });
        const def: Definition = loaded.definition;
        const scenarios = await assertPublishable(s, def);
        const created = await s.definitions.createDraft(def, user.id);
        const published = await s.definitions.publish(created.id, created.version);
        await store.dropDraft(params.id, draft.revision);
        return { body: { id: published.id, version: published.version, scenarios } };
      } }),
  ];
}
