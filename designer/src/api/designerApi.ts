/**
 * The designer's calls to the runtime, as plain functions over the shell's `api`. Query keys are
 * per resource (`['designer', 'draft', id]`), so react-query owns the server state.
 */
import type { Definition, DirectoryData, SimScript } from '@tongban/engine';
import { apiJson, type ShellApi } from '../shell/shellApi.ts';

export interface DefinitionSummary { id: string; version: number; status: 'draft' | 'published' | 'retired'; title: string; category: string; createdAt: number; publishedAt: number | null }
export interface ServerDraft { id: string; revision: number; definition: Definition; updatedBy: string; updatedByName: string; updatedAt: number }
/** A simulation run saved with the definition: replayed on every publish, and its final state must match. */
export interface Scenario { name: string; script: SimScript; expect: { state: unknown; status: string }; savedBy?: string; savedAt?: number }
export interface ScenarioResult { name: string; ok: boolean; state: unknown; status: string; problems: Array<{ code: string; message: { 'zh-CN': string; en: string } }> }
export interface PublishResult { id: string; version: number; scenarios: ScenarioResult[] }
/** Issue 12's dry run of a draft against running cases of the previous version (see README: built against its declared shape). */
export interface ImpactReport { fromVersion: number; cases: Array<{ caseId: string; state: unknown; effect: 'unchanged' | 'state-changed' | 'stopped' | 'task-lost' | 'task-gained'; newState?: unknown; detail?: { 'zh-CN': string; en: string } }> }

const enc = encodeURIComponent;

export const designerApi = {
  list: (api: ShellApi) => apiJson<{ items: DefinitionSummary[] }>(api, '/api/definitions'),
  versions: (api: ShellApi, id: string) => apiJson<{ items: DefinitionSummary[] }>(api, `/api/definitions/${enc(id)}/versions`),
  version: (api: ShellApi, id: string, v: number) => apiJson<DefinitionSummary & { definition: Definition }>(api, `/api/definitions/${enc(id)}/versions/${v}`),
  directory: (api: ShellApi) => apiJson<DirectoryData>(api, '/api/designer/directory'),
  getDraft: (api: ShellApi, id: string) => apiJson<ServerDraft>(api, `/api/designer/drafts/${enc(id)}`),
  saveDraft: (api: ShellApi, id: string, definition: Definition, baseRevision: number, force = false) =>
    apiJson<{ revision: number; updatedAt: number }>(api, `/api/designer/drafts/${enc(id)}`, { method: 'PUT', body: { definition, baseRevision, ...(force ? { force } : {}) } }),
  scenarios: (api: ShellApi, id: string) => apiJson<{ items: Scenario[] }>(api, `/api/designer/scenarios/${enc(id)}`),
  saveScenarios: (api: ShellApi, id: string, items: Scenario[]) => apiJson<{ items: Scenario[] }>(api, `/api/designer/scenarios/${enc(id)}`, { method: 'PUT', body: { items } }),
  runScenarios: (api: ShellApi, id: string, definition: Definition) => apiJson<{ items: ScenarioResult[] }>(api, `/api/designer/scenarios/${enc(id)}/run`, { method: 'POST', body: { definition } }),
  publish: (api: ShellApi, id: string, revision: number) => apiJson<PublishResult>(api, `/api/designer/drafts/${enc(id)}/publish`, { method: 'POST', body: { revision } }),
  impact: (api: ShellApi, id: string, definition: Definition) => apiJson<ImpactReport>(api, `/api/definitions/${enc(id)}/impact`, { method: 'POST', body: { definition } }),
  migrate: (api: ShellApi, id: string, body: { fromVersion: number; toVersion: number; mapping: Record<string, string>; caseIds: string[] }) =>
    apiJson<{ migrated: string[]; left: Array<{ caseId: string; code: string }> }>(api, `/api/definitions/${enc(id)}/migrate`, { method: 'POST', body }),
};

export const keys = {
  list: ['designer', 'definitions'] as const,
  versions: (id: string) => ['designer', 'versions', id] as const,
  version: (id: string, v: number) => ['designer', 'version', id, v] as const,
  directory: ['designer', 'directory'] as const,
  draft: (id: string) => ['designer', 'draft', id] as const,
  scenarios: (id: string) => ['designer', 'scenarios', id] as const,
};
