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
type Localized = { 'zh-CN': string; en: string };
type CodedProblem = { code: string; path: string; message: Localized };
/** One running case of the previous version replayed on the draft (`POST /api/designer/drafts/{id}/impact`). */
export interface ImpactCase { caseId: string; ref: string; state: unknown; replayedState: unknown; changesState: boolean; tasks: { lost: string[]; gained: string[] }; stops?: { index: number; type: string; diagnostics: CodedProblem[] } }
export interface ImpactReport { from: number; to: number; cases: ImpactCase[] }
/** What a state mapping would do to one case (nothing written): where it goes, or why it stays. */
export interface PreviewCase { caseId: string; ref: string; ok: boolean; state?: unknown; newState?: unknown; tasks?: { kept: string[]; lost: string[]; gained: string[] }; droppedFields?: string[]; diagnostics: CodedProblem[] }
export interface MigrationPreview { from: number; to: number; cases: PreviewCase[] }
export interface MigrationOutcome { migrated: Array<{ caseId: string; version: number }>; left: Array<{ caseId: string; diagnostics: CodedProblem[] }> }
/** A shared library (`GET /api/designer/libraries`): templates and roles an item takes with `uses`. */
export interface Library { id: string; version: number; title: Localized; templates: Record<string, Localized>; roles: Record<string, unknown> }
export interface MigrationPlan { from: number; cases: string[]; mapping: { states: Record<string, string> } }

const enc = encodeURIComponent;

export const designerApi = {
  list: (api: ShellApi) => apiJson<{ items: DefinitionSummary[] }>(api, '/api/definitions'),
  versions: (api: ShellApi, id: string) => apiJson<{ items: DefinitionSummary[] }>(api, `/api/definitions/${enc(id)}/versions`),
  version: (api: ShellApi, id: string, v: number) => apiJson<DefinitionSummary & { definition: Definition }>(api, `/api/definitions/${enc(id)}/versions/${v}`),
  libraries: (api: ShellApi) => apiJson<{ items: Library[] }>(api, '/api/designer/libraries'),
  directory: (api: ShellApi) => apiJson<DirectoryData>(api, '/api/designer/directory'),
  getDraft: (api: ShellApi, id: string) => apiJson<ServerDraft>(api, `/api/designer/drafts/${enc(id)}`),
  saveDraft: (api: ShellApi, id: string, definition: Definition, baseRevision: number, force = false) =>
    apiJson<{ revision: number; updatedAt: number }>(api, `/api/designer/drafts/${enc(id)}`, { method: 'PUT', body: { definition, baseRevision, ...(force ? { force } : {}) } }),
  scenarios: (api: ShellApi, id: string) => apiJson<{ items: Scenario[] }>(api, `/api/designer/scenarios/${enc(id)}`),
  saveScenarios: (api: ShellApi, id: string, items: Scenario[]) => apiJson<{ items: Scenario[] }>(api, `/api/designer/scenarios/${enc(id)}`, { method: 'PUT', body: { items } }),
  runScenarios: (api: ShellApi, id: string, definition: Definition) => apiJson<{ items: ScenarioResult[] }>(api, `/api/designer/scenarios/${enc(id)}/run`, { method: 'POST', body: { definition } }),
  publish: (api: ShellApi, id: string, revision: number) => apiJson<PublishResult>(api, `/api/designer/drafts/${enc(id)}/publish`, { method: 'POST', body: { revision } }),
  impact: (api: ShellApi, id: string, definition: Definition) => apiJson<ImpactReport>(api, `/api/designer/drafts/${enc(id)}/impact`, { method: 'POST', body: { definition } }),
  previewMigration: (api: ShellApi, id: string, definition: Definition, plan: MigrationPlan) =>
    apiJson<MigrationPreview>(api, `/api/designer/drafts/${enc(id)}/migration-preview`, { method: 'POST', body: { definition, ...plan } }),
  /** Moves the planned cases to the published version in one audited operation; those that cannot move stay on theirs. */
  migrate: (api: ShellApi, id: string, toVersion: number, plan: MigrationPlan) =>
    apiJson<MigrationOutcome>(api, `/api/definitions/${enc(id)}/versions/${toVersion}/migration`, { method: 'POST', body: { ...plan, leaveUnmappable: true } }),
};

export const keys = {
  list: ['designer', 'definitions'] as const,
  versions: (id: string) => ['designer', 'versions', id] as const,
  version: (id: string, v: number) => ['designer', 'version', id, v] as const,
  directory: ['designer', 'directory'] as const,
  libraries: ['designer', 'libraries'] as const,
  draft: (id: string) => ['designer', 'draft', id] as const,
  scenarios: (id: string) => ['designer', 'scenarios', id] as const,
};
