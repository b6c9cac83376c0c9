/** Definitions: list, get, versions, create draft, validate, lint, publish, retire. */
import * as engine from '@tongban/engine';
import { ForbiddenError } from '../errors/DomainError.ts';
import { created, ok, defineOperation, S, type Operation } from '../http/operation.ts';
import type { Services } from '../services.ts';
import { lintInvokeInputs } from '../adapters/lintInvokeInputs.ts';
import type { AppAbility } from '../authz/defineAbilities.ts';
import { mustLoad, validateBody } from './KnexDefinitionStore.ts';
import { assertPublishable } from '../designer/publishGate.ts';

/** Operations on definitions. */
export function definitionOperations(s: Services): Operation[] {
  const admin = (ability: AppAbility) => { if (!ability.can('manage', 'Definition')) throw new ForbiddenError('authz.forbidden'); };
  const idv = { id: S.id, version: { type: 'integer', minimum: 1, maximum: 1_000_000 } };
  return [
    defineOperation({ method: 'get', path: '/api/definitions', operationId: 'listDefinitions', responses: ok('DefinitionList'), tag: 'definitions', summary: '服务事项列表 Definitions',
      async handler() {
        const all = await s.definitions.list();
        const latest = [...new Map(all.map((d) => [d.id, d])).values()];
        return { body: { items: all.filter((d) => latest.includes(d)) } };
      } }),
    defineOperation({ method: 'get', path: '/api/definitions/{id}', operationId: 'getDefinition', responses: ok('DefinitionDetail'), tag: 'definitions', summary: '服务事项（最新发布版） A definition', params: { id: S.id },
      async handler({ params }) { const d = await s.definitions.get(params.id); return { body: { ...d.summary, definition: d.definition } }; } }),
    defineOperation({ method: 'get', path: '/api/definitions/{id}/versions', operationId: 'definitionVersions', responses: ok('DefinitionList'), tag: 'definitions', summary: '版本列表 Versions', params: { id: S.id },
      async handler({ params }) { return { body: { items: await s.definitions.list(params.id) } }; } }),
    defineOperation({ method: 'get', path: '/api/definitions/{id}/versions/{version}', operationId: 'getDefinitionVersion', responses: ok('DefinitionDetail'), tag: 'definitions', summary: '指定版本 One version', params: idv,
      async handler({ params }) { const d = await s.definitions.get(params.id, params.version); return { body: { ...d.summary, definition: d.definition } }; } }),
    defineOperation({ method: 'post', path: '/api/definitions', operationId: 'createDraft', responses: created('DefinitionSummary'), tag: 'definitions', summary: '新建草稿 Create a draft', body: S.anyObject,
      async handler({ ability, user, body }) { admin(ability); return { status: 201, body: await s.definitions.createDraft(body, user.id) }; } }),
    defineOperation({ method: 'post', path: '/api/definitions/validate', operationId: 'validateDefinition', responses: ok('CheckResult'), tag: 'definitions', summary: '校验 Validate', body: S.anyObject,
      async handler({ body }) { const diagnostics = validateBody(body); return { body: { ok: !engine.hasErrors(diagnostics), diagnostics } }; } }),
    defineOperation({ method: 'post', path: '/api/definitions/lint', operationId: 'lintDefinition', responses: ok('CheckResult'), tag: 'definitions', summary: '语义检查 Lint', body: S.anyObject,
      async handler({ body }) {
        const def = mustLoad(body);
        // Sub-case and spawn targets resolve against what the store holds (plus the item itself); inputs against the published children's intake.
        const known = [...new Set([def.id, ...(await s.definitions.list()).map((d) => d.id)])];
        // with adapters loaded the linter knows which operations exist (none loaded: a dev or test runtime, no check)
        const installedOperations = s.adapters.host.ids().length ? s.adapters.host.operationIds() : undefined;
        const inputs = new Map(s.adapters.host.manifests().flatMap((m) => m.operations.map((o) => [o.id, o.input] as const)));
        const definitions = await s.definitions.latestPublishedDefinitions();
        const diagnostics = [...engine.lint(def, { knownDefinitions: known, installedOperations, definitions, knownCalendars: s.runOptions.calendars.ids }), ...lintInvokeInputs(def, inputs)];
        return { body: { ok: !engine.hasErrors(diagnostics), diagnostics } };
      } }),
    defineOperation({ method: 'post', path: '/api/definitions/{id}/versions/{version}/publish', operationId: 'publishDefinition', responses: ok('DefinitionSummary'), tag: 'definitions', summary: '发布 Publish', params: idv,
      async handler({ ability, params }) {
        admin(ability);
        // the same gate as the designer's publish: no lint errors, every saved scenario still passes
        await assertPublishable(s, (await s.definitions.get(params.id, params.version)).definition);
        return { body: await s.definitions.publish(params.id, params.version) };
      } }),
    defineOperation({ method: 'post', path: '/api/definitions/{id}/versions/{version}/retire', operationId: 'retireDefinition', responses: ok('DefinitionSummary'), tag: 'definitions', summary: '停用 Retire', params: idv,
      async handler({ ability, params }) { admin(ability); return { body: await s.definitions.retire(params.id, params.version) }; } }),
  ];
}
