/**
 * The authorization matrix: every OpenAPI operation × every role of the sample county (at every
 * org level it is held there) × inside / outside scope, checked against the declarative policy in
 * `authzMatrix.policy.ts` (never against the implementation).
 *
 * One world per store, built once: the tiny county plus a neighbouring county, one matrix user per
 * (role, level) placed on the east township's branch, and for each of them a case in grid 1 whose
 * open task they hold. Cells run sequentially and are chosen so that they do not use each other up
 * (an allowed task action on the held task is made invalid on purpose — unknown outcome, unknown
 * transferee — so the answer is a 4xx about the state, not the authorization).
 */
import { readFileSync } from 'node:fs';
import { KnexDesignerStore } from '../designer/KnexDesignerStore.ts';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, GRID_WEST, tinyIncident, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';
import { seedCounty } from '../seed/seedCounty.ts';
import { residentRow } from '../registry/residents/residentRecord.ts';
import { deviceRow } from '../registry/devices/deviceRecord.ts';
import { idNumber } from '../registry/import/testing/makeSheet.ts';
import { knownGaps, operationPolicy, rolePolicy, undocumentedOperations, type KnownGap, type OperationPolicy } from './authzMatrix.policy.ts';

const EAST = ['/510722', '/510722/510722100', '/510722/510722100/510722100001', GRID1];
/** A neighbouring county: outside the scope of every user of 510722, including county-level ones. */
const X = ['/510723', '/510723/510723100', '/510723/510723100/510723100001', '/510723/510723100/510723100001/510723100001001'];
const code = (path: string) => path.split('/').pop()!;

/** Every (role, depth) the sample county uses, plus each role's depth in the policy table. */
const sampleUsers = JSON.parse(readFileSync(new URL('../../../examples/sample-county/users.json', import.meta.url), 'utf8')) as Array<{ roles: Array<{ role: string; orgPath: string }> }>;
const sampleRoles = [...new Set(sampleUsers.flatMap((u) => u.roles.map((r) => r.role)))].sort();
const depthOf = (path: string) => path.split('/').filter(Boolean).length;
const placements = new Map<string, { role: string; depth: number }>();
for (const [role, p] of Object.entries(rolePolicy)) for (const depth of p.depth) placements.set(`${role}@${depth}`, { role, depth });
for (const u of sampleUsers) for (const r of u.roles) if (rolePolicy[r.role]) placements.set(`${r.role}@${depthOf(r.orgPath)}`, { role: r.role, depth: depthOf(r.orgPath) });

interface MatrixUser { id: string; role: string; depth: number; token: string }
/** What a cell acts on. */
interface Target {
  caseId: string; taskId: string; attachmentId: string; orgPath: string; userId: string; breakGlassId: number; notificationId: number; consentId: string;
  /** for 催办: the task's org depth (its group's org, else the case's), the roles its step names, the case's initiator */
  taskOrgDepth: number; stepRoles: string[]; initiator: string;
  /** a resident of the registry (and their plain ID number) and a device, in the target's grid */
  residentId: string; residentIdNumber: string; deviceId: string;
}
type CellKind = 'held' | 'other' | 'outside';
interface Req { method: string; path: string; body?: unknown; raw?: string; headers?: Record<string, string>; noToken?: boolean }

/** A matrix definition: tiny-incident plus a plain event only supervisors may send while it is being accepted. */
const SENDERS = ['county-dispatcher', 'township-reviewer'];
const matrixIncident = {
  ...tinyIncident, id: 'matrix-incident',
  roles: { ...tinyIncident.roles, 'county-dispatcher': { title: { 'zh-CN': '县调度员', en: 'County dispatcher' } } },
  states: { ...tinyIncident.states, accept: { ...tinyIncident.states.accept, on: { ...tinyIncident.states.accept.on, supervise: { roles: SENDERS } } } },
};
const INTAKE: string[] = matrixIncident.intake.roles;
/** Each matrix user's own task: the initiator picks the handler (so any role can hold one, staff or not). */
const matrixHeld = {
  ...matrixIncident, id: 'matrix-held',
  data: { ...tinyIncident.data, properties: { ...tinyIncident.data.properties, handler: { type: 'string', maxLength: 64, 'x-pii': 'none' } } },
  forms: { ...tinyIncident.forms, report: { ...tinyIncident.forms.report, fields: [...tinyIncident.forms.report.fields, 'handler'] } },
  states: { ...matrixIncident.states, accept: { ...matrixIncident.states.accept, task: { ...tinyIncident.states.accept.task, assignee: { pick: 'initiator', field: 'handler' } } } },
};
/** The scriptable test adapter (so adapter settings have a target) and a dead letter to retry. */
const ECHO = fileURLToPath(new URL('../effects/fixtures/echoPlugin.ts', import.meta.url));
let deadLetterId = 0;
/** An outbox dead letter and a failed timer of an in-scope case, for the operator's dead-letter view. */
const opsDead = { outbox: '', timer: '' };
/** Sequence of the matrix's registry residents (distinct ID numbers). */
let residentSeq = 0;

/** The request each operation sends in a cell. Every OpenAPI operation needs one. */
const requests: Record<string, (t: Target, u: MatrixUser) => Req> = {
  openapi: () => ({ method: 'GET', path: '/api/openapi.json' }),
  login: (_t, u) => ({ method: 'POST', path: '/api/auth/login', body: { username: u.id, password: 'Tongban@2025' }, noToken: true }),
  logout: () => ({ method: 'POST', path: '/api/auth/logout' }),
  changePassword: () => ({ method: 'POST', path: '/api/me/password', body: { current: 'Tongban@2025', next: 'Tongban@2025' } }),
  me: () => ({ method: 'GET', path: '/api/me' }),
  oidcStart: () => ({ method: 'GET', path: '/api/auth/oidc/start?next=/tasks', noToken: true }),
  oidcCallback: () => ({ method: 'POST', path: '/api/auth/oidc/callback', body: { search: '?code=matrix&state=matrix' }, noToken: true }),
  listOrgUnits: () => ({ method: 'GET', path: '/api/org-units' }),
  getOrgUnit: (t) => ({ method: 'GET', path: `/api/org-units/${code(t.orgPath)}` }),
  listUsers: () => ({ method: 'GET', path: '/api/users?limit=200' }),
  getUser: (t) => ({ method: 'GET', path: `/api/users/${t.userId}` }),
  listDefinitions: () => ({ method: 'GET', path: '/api/definitions' }),
  getDefinition: () => ({ method: 'GET', path: '/api/definitions/tiny-incident' }),
  definitionVersions: () => ({ method: 'GET', path: '/api/definitions/tiny-incident/versions' }),
  getDefinitionVersion: () => ({ method: 'GET', path: '/api/definitions/tiny-incident/versions/1' }),
  validateDefinition: () => ({ method: 'POST', path: '/api/definitions/validate', body: tinyIncident }),
  lintDefinition: () => ({ method: 'POST', path: '/api/definitions/lint', body: tinyIncident }),
  createDraft: () => ({ method: 'POST', path: '/api/definitions', body: { ...tinyIncident, id: 'matrix-new-draft' } }),
  publishDefinition: () => ({ method: 'POST', path: '/api/definitions/matrix-publish/versions/1/publish' }),
  retireDefinition: () => ({ method: 'POST', path: '/api/definitions/matrix-retire/versions/1/retire' }),
  designerDirectory: () => ({ method: 'GET', path: '/api/designer/directory' }),
  getDesignerDraft: () => ({ method: 'GET', path: '/api/designer/drafts/matrix-designer' }),
  // based on revision 0 while revision 1 exists: an allowed caller gets the 409 conflict, nothing changes
  saveDesignerDraft: () => ({ method: 'PUT', path: '/api/designer/drafts/matrix-designer', body: { definition: { ...tinyIncident, id: 'matrix-designer' }, baseRevision: 0 } }),
  listScenarios: () => ({ method: 'GET', path: '/api/designer/scenarios/matrix-designer' }),
  saveScenarios: () => ({ method: 'PUT', path: '/api/designer/scenarios/matrix-designer', body: { items: [] } }),
  runScenarios: () => ({ method: 'POST', path: '/api/designer/scenarios/matrix-designer/run', body: { definition: { ...tinyIncident, id: 'matrix-designer' } } }),
  publishDesignerDraft: () => ({ method: 'POST', path: '/api/designer/drafts/matrix-designer/publish', body: { revision: 999 } }),
  designerLibraries: () => ({ method: 'GET', path: '/api/designer/libraries' }),
  designerImpact: () => ({ method: 'POST', path: '/api/designer/drafts/tiny-incident/impact', body: { definition: { ...tinyIncident, version: 2 } } }),
  designerMigrationPreview: () => ({ method: 'POST', path: '/api/designer/drafts/tiny-incident/migration-preview', body: { definition: tinyIncident, from: 1, cases: ['no-such-case'] } }),
  migrationDryRun: () => ({ method: 'POST', path: '/api/definitions/tiny-incident/versions/1/migration/dry-run', body: { from: 1 } }),
  migrateCases: () => ({ method: 'POST', path: '/api/definitions/tiny-incident/versions/1/migration', body: { from: 1, cases: ['no-such-case'] } }),
  createCase: (t) => ({ method: 'POST', path: '/api/cases', body: { definitionId: 'matrix-incident', orgPath: t.orgPath, data: { description: 'matrix' } } }),
  listCases: () => ({ method: 'GET', path: '/api/cases?limit=200' }),
  getCase: (t) => ({ method: 'GET', path: `/api/cases/${t.caseId}` }),
  caseTimeline: (t) => ({ method: 'GET', path: `/api/cases/${t.caseId}/timeline` }),
  caseActions: (t) => ({ method: 'GET', path: `/api/cases/${t.caseId}/actions` }),
  sendCaseEvent: (t) => ({ method: 'POST', path: `/api/cases/${t.caseId}/events`, body: { type: 'supervise' } }),
  listComments: (t) => ({ method: 'GET', path: `/api/cases/${t.caseId}/comments` }),
  addComment: (t) => ({ method: 'POST', path: `/api/cases/${t.caseId}/comments`, body: { body: '矩阵' } }),
  listAttachments: (t) => ({ method: 'GET', path: `/api/cases/${t.caseId}/attachments` }),
  uploadAttachment: (t) => ({ method: 'POST', path: `/api/cases/${t.caseId}/attachments?name=m.txt`, raw: 'matrix', headers: { 'content-type': 'text/plain' } }),
  downloadAttachment: (t) => ({ method: 'GET', path: `/api/cases/${t.caseId}/attachments/${t.attachmentId}` }),
  revealPii: (t) => ({ method: 'POST', path: `/api/cases/${t.caseId}/reveal`, body: { fields: ['reporterPhone'], purpose: 'handle-case' } }),
  taskQueue: () => ({ method: 'GET', path: '/api/tasks?status=open&limit=200' }),
  myTasks: () => ({ method: 'GET', path: '/api/tasks/mine?status=open&limit=200' }),
  taskCounts: () => ({ method: 'GET', path: '/api/tasks/counts' }),
  getTask: (t) => ({ method: 'GET', path: `/api/tasks/${t.taskId}` }),
  claimTask: (t) => ({ method: 'POST', path: `/api/tasks/${t.taskId}/claim`, body: {} }),
  unclaimTask: (t) => ({ method: 'POST', path: `/api/tasks/${t.taskId}/unclaim`, body: {} }),
  completeTask: (t) => ({ method: 'POST', path: `/api/tasks/${t.taskId}/complete`, body: { outcome: 'matrixNoSuchOutcome' } }),
  transferTask: (t) => ({ method: 'POST', path: `/api/tasks/${t.taskId}/transfer`, body: { users: ['m-nobody'] } }),
  delegateTask: (t) => ({ method: 'POST', path: `/api/tasks/${t.taskId}/delegate`, body: { users: ['m-nobody'] } }),
  addSigner: (t) => ({ method: 'POST', path: `/api/tasks/${t.taskId}/signers`, body: { users: ['m-nobody'] } }),
  removeSigner: (t) => ({ method: 'POST', path: `/api/tasks/${t.taskId}/signers/remove`, body: { users: ['m-nobody'] } }),
  withdrawTask: (t) => ({ method: 'POST', path: `/api/tasks/${t.taskId}/withdraw`, body: {} }),
  copyTask: (t) => ({ method: 'POST', path: `/api/tasks/${t.taskId}/copy`, body: { users: ['u-grid1'] } }),
  urgeTask: (t) => ({ method: 'POST', path: `/api/tasks/${t.taskId}/urge`, body: {} }),
  saveDraft: (t) => ({ method: 'PUT', path: `/api/tasks/${t.taskId}/draft`, body: { data: { note: 'draft' } } }),
  bulkTasks: (t) => ({ method: 'POST', path: '/api/tasks/bulk', body: { action: 'transfer', users: ['m-nobody'], items: [{ taskId: t.taskId }] } }),
  inbox: () => ({ method: 'GET', path: '/api/notifications?limit=200' }),
  markRead: (t) => ({ method: 'POST', path: `/api/notifications/${t.notificationId}/read` }),
  auditLog: (t) => ({ method: 'GET', path: `/api/audit?caseId=${t.caseId}` }),
  auditVerify: () => ({ method: 'GET', path: '/api/audit/verify' }),
  breakGlassQueue: () => ({ method: 'GET', path: '/api/audit/break-glass?status=all&limit=200' }),
  reviewBreakGlass: (t) => ({ method: 'POST', path: `/api/audit/break-glass/${t.breakGlassId}/review`, body: { outcome: 'justified' } }),
  recordConsent: (t) => ({ method: 'POST', path: '/api/consents', body: { subjectName: '吕桂兰', subjectIdNumber: '510722194805013963', orgPath: t.orgPath, purpose: 'share-provider', dataCategories: ['name'], recipients: ['驿站'], evidence: '同意书' } }),
  listConsents: () => ({ method: 'GET', path: '/api/consents?limit=200' }),
  getConsent: (t) => ({ method: 'GET', path: `/api/consents/${t.consentId}` }),
  withdrawConsent: (t) => ({ method: 'POST', path: `/api/consents/${t.consentId}/withdraw`, body: { reason: '矩阵' } }),
  clientConfig: () => ({ method: 'GET', path: '/api/client-config', noToken: true }),
  queueCounts: () => ({ method: 'GET', path: '/api/tasks/queue-counts' }),
  bulkOptions: (t) => ({ method: 'POST', path: '/api/tasks/bulk-options', body: { taskIds: [t.taskId] } }),
  listViews: () => ({ method: 'GET', path: '/api/views?screen=queue' }),
  saveView: () => ({ method: 'POST', path: '/api/views', body: { screen: 'queue', name: '矩阵', query: 'sla=overdue' } }),
  deleteView: () => ({ method: 'DELETE', path: '/api/views/matrix-view' }),
  caseOverview: (t) => ({ method: 'GET', path: `/api/cases/${t.caseId}/overview` }),
  orgMembers: (t) => ({ method: 'GET', path: `/api/org-units/${code(t.orgPath)}/users` }),
  listDrafts: () => ({ method: 'GET', path: '/api/drafts' }),
  saveIntakeDraft: (_t, u) => ({ method: 'PUT', path: `/api/drafts/draft-${u.id}`, body: { definitionId: 'matrix-incident', data: { description: '草稿' }, revision: 0 } }),
  uploadDraftAttachment: (_t, u) => ({ method: 'POST', path: `/api/drafts/draft-${u.id.slice(-20)}/attachments?name=p.txt`, raw: 'photo', headers: { 'content-type': 'text/plain' } }),
  deleteIntakeDraft: (_t, u) => ({ method: 'DELETE', path: `/api/drafts/draft-${u.id}` }),
  inboxCounts: () => ({ method: 'GET', path: '/api/notifications/counts' }),
  oversightSummary: () => ({ method: 'GET', path: '/api/oversight/summary' }),
  oversightByOrg: () => ({ method: 'GET', path: '/api/oversight/by-org' }),
  oversightByItem: () => ({ method: 'GET', path: '/api/oversight/by-item' }),
  oversightTrend: () => ({ method: 'GET', path: '/api/oversight/trend?weeks=4' }),
  listAdapters: () => ({ method: 'GET', path: '/api/adapters' }),
  putAdapterConfig: () => ({ method: 'PUT', path: '/api/adapters/echo/config', body: { config: { target: 'matrix' } } }),
  listDeadLetters: () => ({ method: 'GET', path: '/api/adapters/dead-letters' }),
  retryDeadLetter: () => ({ method: 'POST', path: `/api/adapters/dead-letters/${deadLetterId}/retry` }),
  caseLinks: (t) => ({ method: 'GET', path: `/api/cases/${t.caseId}/links` }),
  getNotificationPrefs: () => ({ method: 'GET', path: '/api/me/notification-preferences' }),
  putNotificationPrefs: () => ({ method: 'PUT', path: '/api/me/notification-preferences', body: { locale: 'zh-CN' } }),
  adminOrgTree: () => ({ method: 'GET', path: '/api/admin/org-units' }),
  adminCreateOrgUnit: (t) => ({ method: 'POST', path: '/api/admin/org-units', body: { parentCode: code(t.orgPath.slice(0, t.orgPath.lastIndexOf('/'))), name: '矩阵网格' } }),
  adminRenameOrgUnit: (t) => ({ method: 'PATCH', path: `/api/admin/org-units/${code(t.orgPath)}`, body: { name: '矩阵网格' } }),
  adminMoveOrgUnit: (t) => ({ method: 'POST', path: `/api/admin/org-units/${code(t.orgPath)}/move`, body: { parentCode: code(t.orgPath.slice(0, t.orgPath.lastIndexOf('/'))) } }),
  adminMergeGrids: (t) => ({ method: 'POST', path: `/api/admin/org-units/${code(t.orgPath)}/merge`, body: { intoCode: code(t.orgPath) } }),
  adminRetireOrgUnit: (t) => ({ method: 'POST', path: `/api/admin/org-units/${code(t.orgPath)}/retire`, body: {} }),
  adminListUsers: () => ({ method: 'GET', path: '/api/admin/users?limit=200' }),
  adminCreateUser: (t, u) => ({ method: 'POST', path: '/api/admin/users', body: { username: `mx-${u.id}-${t.orgPath.length}`, name: '矩阵用户', orgPath: t.orgPath } }),
  adminUpdateUser: (t) => ({ method: 'PATCH', path: `/api/admin/users/${t.userId}`, body: { name: '矩阵用户' } }),
  adminSetUserRoles: (t) => ({ method: 'PUT', path: `/api/admin/users/${t.userId}/roles`, body: { roles: [{ role: 'no-such-role', orgPath: t.orgPath }] } }),
  adminSetUserStatus: (t) => ({ method: 'POST', path: `/api/admin/users/${t.userId}/status`, body: { disabled: true, expectedVersion: 999999 } }),
  adminResetPassword: (t) => ({ method: 'POST', path: `/api/admin/users/${t.userId}/reset-password`, body: { expectedVersion: 999999 } }),
  adminListIdentityLinks: (t) => ({ method: 'GET', path: `/api/admin/users/${t.userId}/identity-links` }),
  adminAddIdentityLink: (t) => ({ method: 'POST', path: `/api/admin/users/${t.userId}/identity-links`, body: { provider: 'matrix-idp', subject: `matrix-${t.userId}` } }),
  adminRemoveIdentityLink: (t) => ({ method: 'POST', path: `/api/admin/users/${t.userId}/identity-links/remove`, body: { provider: 'matrix-idp', subject: 'matrix-none' } }),
  adminMoveUser: (t) => ({ method: 'POST', path: `/api/admin/users/${t.userId}/move`, body: { orgPath: t.orgPath, expectedVersion: 999999 } }),
  adminAuditLog: () => ({ method: 'GET', path: '/api/admin/audit?limit=200' }),
  healthz: () => ({ method: 'GET', path: '/healthz', noToken: true }),
  readyz: () => ({ method: 'GET', path: '/readyz', noToken: true }),
  metrics: () => ({ method: 'GET', path: '/metrics', noToken: true }),
  listOpsDeadLetters: () => ({ method: 'GET', path: '/api/ops/dead-letters?source=timer' }),
  retryOpsDeadLetter: () => ({ method: 'POST', path: '/api/ops/dead-letters/retry', body: { source: 'outbox', id: opsDead.outbox } }),
  discardOpsDeadLetter: () => ({ method: 'POST', path: '/api/ops/dead-letters/discard', body: { source: 'timer', id: opsDead.timer } }),
  listPointsRules: () => ({ method: 'GET', path: '/api/points/rules' }),
  putPointsRule: () => ({ method: 'PUT', path: '/api/points/rules/matrix-rule', body: { title: { 'zh-CN': '矩阵', en: 'Matrix' }, unit: 'each', points: 1, enabled: true } }),
  listPointsRewards: () => ({ method: 'GET', path: '/api/points/rewards' }),
  createPointsReward: (t) => ({ method: 'POST', path: '/api/points/rewards', body: { orgPath: t.orgPath, name: { 'zh-CN': '矩阵', en: 'Matrix' }, cost: 1 } }),
  listManagedPointsRewards: () => ({ method: 'GET', path: '/api/points/rewards/managed' }),
  updatePointsReward: () => ({ method: 'PATCH', path: '/api/points/rewards/matrix-none', body: { enabled: false } }),
  getPointsAccount: (t) => ({ method: 'GET', path: `/api/points/accounts/${t.userId}` }),
  awardPoints: (t) => ({ method: 'POST', path: `/api/points/accounts/${t.userId}/entries`, body: { ruleId: 'meeting-attendance', activityRef: 'matrix' } }),
  redeemPoints: (t) => ({ method: 'POST', path: `/api/points/accounts/${t.userId}/redemptions`, body: { rewardId: 'matrix-none' } }),
  reversePoints: (t) => ({ method: 'POST', path: `/api/points/accounts/${t.userId}/entries/matrix-none/reverse`, body: { reason: '矩阵冲正' } }),
  listResidents: () => ({ method: 'GET', path: '/api/residents?limit=200' }),
  getResident: (t) => ({ method: 'GET', path: `/api/residents/${t.residentId}` }),
  createResident: (t) => ({ method: 'POST', path: '/api/residents', body: { name: '矩阵居民', idNumber: idNumber('510722', '19500101', 999), orgPath: t.orgPath } }),
  updateResident: (t) => ({ method: 'PUT', path: `/api/residents/${t.residentId}`, body: { name: '矩阵居民', idNumber: t.residentIdNumber, orgPath: t.orgPath, expectedVersion: 0 } }),
  retireResident: (t) => ({ method: 'POST', path: `/api/residents/${t.residentId}/retire`, body: { reason: 'moved-away', expectedVersion: 0 } }),
  revealResident: (t) => ({ method: 'POST', path: `/api/residents/${t.residentId}/reveal`, body: { fields: ['phone'], purpose: 'call-back' } }),
  listDevices: () => ({ method: 'GET', path: '/api/devices?limit=200' }),
  getDevice: (t) => ({ method: 'GET', path: `/api/devices/${t.deviceId}` }),
  createDevice: (t) => ({ method: 'POST', path: '/api/devices', body: { id: 'matrix-new-device', type: 'sos_button', orgPath: t.orgPath } }),
  updateDevice: (t) => ({ method: 'PUT', path: `/api/devices/${t.deviceId}`, body: { type: 'sos_button', orgPath: t.orgPath, expectedVersion: 0 } }),
  registryTemplate: () => ({ method: 'GET', path: '/api/registry/templates/residents?format=csv' }),
  importRegistry: () => ({ method: 'POST', path: '/api/registry/imports/residents?mode=dry-run', raw: '姓名,身份证号,网格编码\n', headers: { 'content-type': 'text/csv' } }),
  exportRegistry: () => ({ method: 'POST', path: '/api/registry/exports/residents', body: { format: 'csv' } }),
};

/** For list operations: the ids an answer holds, and which of the target's ids must (inside) or must not (outside) be among them. */
type Items = { items: Array<Record<string, unknown>> };
const listIds: Record<string, { ids: (body: Items) => unknown[]; of: (t: Target) => unknown }> = {
  listOrgUnits: { ids: (b) => b.items.map((o) => o.path), of: (t) => t.orgPath },
  listUsers: { ids: (b) => b.items.map((u) => u.id), of: (t) => t.userId },
  listCases: { ids: (b) => b.items.map((c) => c.id), of: (t) => t.caseId },
  taskQueue: { ids: (b) => b.items.map((x) => x.id), of: (t) => t.taskId },
  myTasks: { ids: (b) => b.items.map((x) => x.id), of: (t) => t.taskId },
  inbox: { ids: (b) => b.items.map((n) => n.id), of: (t) => t.notificationId },
  auditLog: { ids: (b) => b.items.map((a) => a.caseId), of: (t) => t.caseId },
  breakGlassQueue: { ids: (b) => b.items.map((x) => x.id), of: (t) => t.breakGlassId },
  adminOrgTree: { ids: (b) => b.items.map((o) => o.path), of: (t) => t.orgPath },
  adminListUsers: { ids: (b) => b.items.map((u) => u.id), of: (t) => t.userId },
  adminAuditLog: { ids: (b) => b.items.map((a) => a.orgPath), of: (t) => t.orgPath },
  listConsents: { ids: (b) => b.items.map((x) => x.id), of: (t) => t.consentId },
  listResidents: { ids: (b) => b.items.map((x) => x.id), of: (t) => t.residentId },
  listDevices: { ids: (b) => b.items.map((x) => x.id), of: (t) => t.deviceId },
};
/** Lists that show only the caller's own rows: inside means the held/own target. */
const ownLists = new Set(['myTasks', 'inbox']);

/** Codes that are an authorization answer, never "allowed, but the body or state is wrong". */
const denial = (status: number) => status === 401 || status === 403 || status === 404;

type Expect = { allow: true } | { status: 403; code: string } | { status: 404 } | { list: 'contains' | 'excludes' } | { status: 403; code: 'org.out-of-scope' };

/** The expected answer of a cell, from the policy row alone. */
function expected(p: OperationPolicy, op: string, u: MatrixUser, kind: CellKind, t: Target): Expect {
  const a = p.access;
  const own = rolePolicy[u.role]!.dataScope === 'own';
  // Role-gated operations answer 403 before any lookup, inside or outside.
  if (a.who === 'roles' && !(a.roles.includes(u.role) && u.depth <= (a.maxDepth ?? 4))) return { status: 403, code: a.code };
  if (p.scope === 'createAt') {
    if (kind === 'outside') return { status: 403, code: 'org.out-of-scope' };
    return a.who === 'intake' && !INTAKE.includes(u.role) ? { status: 403, code: a.code } : { allow: true };
  }
  if (p.scope === 'list') return { list: kind === 'outside' ? 'excludes' : (own && !ownLists.has(op) && !p.sameForNonStaff && kind === 'other') ? 'excludes' : 'contains' };
  if (kind === 'outside') return { status: 404 };
  if (kind === 'other' && own && ['case', 'task', 'attachment', 'user'].includes(p.scope)) return { status: 404 };
  if (a.who === 'holder' && kind === 'other') return { status: 403, code: a.code };
  if (a.who === 'sender' && !SENDERS.includes(u.role)) return { status: 403, code: a.code };
  if (a.who === 'urger' && !mayUrge(u, t)) return { status: 403, code: a.code };
  return { allow: true };
}

/** 催办 by the policy: the initiator, a supervisor strictly above the task's org, or a step role where the case is in scope (staff only). */
function mayUrge(u: MatrixUser, t: Target): boolean {
  if (u.id === t.initiator) return true;
  if (rolePolicy[u.role]!.dataScope === 'own') return false;
  return u.depth < t.taskOrgDepth || (t.stepRoles.includes(u.role) && u.depth <= depthOf(t.orgPath));
}

/** The cells an operation has for a user. */
function cellsOf(p: OperationPolicy, op: string, u: MatrixUser): CellKind[] {
  if (p.scope === 'none') return ['other'];
  if (p.scope === 'notification' || ownLists.has(op)) return ['held', 'outside'];
  if (p.access.who === 'holder') return ['held', 'other', 'outside'];
  return rolePolicy[u.role]!.dataScope === 'own' && p.scope !== 'list' ? ['held', 'other', 'outside'] : ['other', 'outside'];
}

function gapFor(op: string, u: MatrixUser, kind: CellKind, exp: Expect): KnownGap | undefined {
  const cell = kind === 'outside' ? 'outside' : 'inside';
  const status = 'status' in exp ? exp.status : undefined;
  return knownGaps.find((g) => g.operationId === op && g.cell === cell && g.expected === status && (!g.roles || g.roles.includes(u.role)));
}

describe('authz policy table', () => {
  it('has a data scope for every role the sample county uses', () => {
    const missing = sampleRoles.filter((r) => !rolePolicy[r]);
    expect(missing, `add these roles to rolePolicy in runtime/src/authz/authzMatrix.policy.ts: ${missing.join(', ')}`).toEqual([]);
  });
});

describe.each(testDialects)('authz matrix (policy × OpenAPI) on %s', (dialect) => {
  let t: TestRuntime;
  const users: MatrixUser[] = [];
  const held = new Map<string, Target>();
  let other: Target;
  let outsideTownship: Target;
  let outsideCounty: Target;
  let openapiOps: Array<{ operationId: string; method: string; path: string }> = [];
  const summary = { cells: 0, gaps: 0 };
  /** op kind → status counts; printed with TONGBAN_MATRIX_VERBOSE=1 (what the allowed cells really answered). */
  const tally = new Map<string, Map<number, number>>();

  beforeAll(async () => {
    const started = Date.now();
    t = await createTestRuntime(dialect, { adapters: [ECHO] });
    const k = t.db.knex;
    deadLetterId = Number(((await k('outbox').insert({ case_id: 'matrix', kind: 'adapter.invoke', operation: 'ghost.call', idempotency_key: 'matrix-dead', status: 'dead', attempts: 1, available_at: 0, created_at: Date.now(),
      payload: JSON.stringify({ kind: 'adapter.invoke', requestId: 'matrix:r1', operation: 'ghost.call', input: {}, retry: { max: 0, backoff: 'PT0S' }, idempotencyKey: 'matrix:r1' }) })) as number[])[0]);
    const mUsers = [...placements.values()].map(({ role, depth }) => ({ id: `m-${role}-${depth}`, username: `m-${role}-${depth}`, name: `矩阵${role}`, roles: [{ role, orgPath: EAST[depth - 1]! }] }));
    await seedCounty(k, {
      orgs: [{ path: EAST[0]!, name: '示例县' }, { path: EAST[1]!, name: '东城镇' }, { path: EAST[2]!, name: '幸福社区' }, { path: EAST[3]!, name: '幸福社区第一网格' },
        { path: X[0]!, name: '邻县' }, { path: X[1]!, name: '邻县镇' }, { path: X[2]!, name: '邻县社区' }, { path: X[3]!, name: '邻县网格' }],
      defaultPassword: 'Tongban@2025',
      users: [...mUsers,
        { id: 'x-grid', username: 'x-grid', name: '邻县网格员', roles: [{ role: 'grid-worker', orgPath: X[3]! }] },
        { id: 'x-reviewer', username: 'x-reviewer', name: '邻县审核员', roles: [{ role: 'township-reviewer', orgPath: X[1]! }] }],
    });
    t.rt.runOptions.invalidate();
    await t.rt.definitions.publishBody(matrixIncident, 'u-admin');
    await t.rt.definitions.publishBody(matrixHeld, 'u-admin');
    await t.rt.definitions.publishBody({ ...tinyIncident, id: 'matrix-retire' }, 'u-admin');
    await t.rt.definitions.createDraft({ ...tinyIncident, id: 'matrix-publish' }, 'u-admin');
    await new KnexDesignerStore(t.db.knex).saveDraft('matrix-designer', { ...tinyIncident, id: 'matrix-designer' }, 0, 'u-admin');
    const tok = (id: string) => t.rt.tokens.issue(id).token; // every user starts at token epoch 0
    const ok = async (r: Promise<{ status: number; body: Record<string, unknown> }>, what: string) => {
      const res = await r;
      if (res.status >= 300) throw new Error(`setup ${what}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const openTask = async (caseId: string, where: Record<string, unknown> = {}) =>
      String(((await k('tasks').where({ case_id: caseId, ...where }).whereIn('status', ['pending', 'waiting', 'delegated']).first('id')) as { id: string }).id);
    const newCase = async (creator: string, orgPath: string) =>
      String((await ok(t.api('POST', '/api/cases', { token: tok(creator), body: { definitionId: 'matrix-incident', orgPath, data: { description: '矩阵', reporterPhone: '13812341234' } } }), 'create')).id);
    // A case, its accept task claimed by its officer (so no matrix user is a candidate), an attachment, a break-glass reveal.
    const world = async (creator: string, orgPath: string, officer: string | undefined, revealer: string, notifyUser: string): Promise<Target> => {
      const caseId = await newCase(creator, orgPath);
      const taskId = await openTask(caseId);
      if (officer) await ok(t.api('POST', `/api/tasks/${taskId}/claim`, { token: tok(officer), body: {} }), 'claim');
      const att = await ok(t.api('POST', `/api/cases/${caseId}/attachments?name=a.txt`, { token: tok(creator), raw: 'x', headers: { 'content-type': 'text/plain' } }), 'attach');
      await ok(t.api('POST', `/api/cases/${caseId}/reveal`, { token: tok(revealer), body: { fields: ['reporterPhone'], purpose: 'emergency', breakGlass: true, reason: '老人报警后无应答，需立即联系' } }), 'break-glass');
      const bg = (await k('break_glass').where({ case_id: caseId }).first('audit_seq')) as { audit_seq: number };
      const [nid] = await k('notifications').insert({ user_id: notifyUser, kind: 'notify', case_id: caseId, title: 'matrix', dedupe_key: `matrix-${caseId}-${notifyUser}`, created_at: Date.now() });
      const consent = await t.rt.consents.record({ subjectName: '吕桂兰', subjectIdNumber: '510722194805013963', orgPath, purpose: 'share-provider', dataCategories: ['name'], recipients: ['驿站'], evidence: '同意书', grantedAt: Date.now() }, { id: 'u-admin', roles: ['county-admin'] }, Date.now());
      // the accept step goes to community-officer@community: its supervisors sit above the community
      // a registered resident with a device in the case's grid
      const residentIdNumber = idNumber('510722', '19400101', ++residentSeq);
      const residentId = `r-matrix-${residentSeq}`;
      await k('residents').insert(residentRow(residentId, { name: '矩阵老人', idNumber: residentIdNumber, orgPath, phone: '13812340000' }, t.rt.codec, { version: 1, createdAt: Date.now(), at: Date.now() }));
      const deviceId = `dev-matrix-${residentSeq}`;
      await k('devices').insert(deviceRow({ id: deviceId, type: 'sos_button', orgPath, residentId }, { version: 1, createdAt: Date.now(), at: Date.now() }));
      return { caseId, taskId, attachmentId: String(att.id), orgPath, userId: creator, breakGlassId: Number(bg.audit_seq), notificationId: Number(nid), consentId: consent.id,
        taskOrgDepth: depthOf(orgPath) - 1, stepRoles: ['community-officer'], initiator: creator, residentId, residentIdNumber, deviceId };
    };
    other = await world('u-grid1', GRID1, 'u-officer', 'u-rev-east', 'u-grid2');
    opsDead.outbox = String(((await k('outbox').insert({ case_id: other.caseId, kind: 'adapter.invoke', operation: 'ghost.call', idempotency_key: 'matrix-ops-dead', status: 'dead', attempts: 5, available_at: 0, created_at: Date.now(),
      payload: JSON.stringify({ kind: 'adapter.invoke', requestId: 'matrix:r2', operation: 'ghost.call', input: {}, retry: { max: 0, backoff: 'PT0S' }, idempotencyKey: 'matrix:r2' }) })) as number[])[0]);
    await k('timers').insert({ case_id: other.caseId, timer_key: 'matrix.ops', due_at: 0, purpose: 'sla.warn', status: 'failed', attempts: 5, last_error: 'matrix' });
    opsDead.timer = `${other.caseId}/matrix.ops`;
    outsideTownship = await world('u-grid3', GRID_WEST, undefined, 'u-rev-west', 'u-grid3');
    outsideCounty = await world('x-grid', X[3]!, undefined, 'x-reviewer', 'x-grid');
    // The id of a break-glass row is its audit seq (toBreakGlassItem); check the assumption once.
    const bgIds = (await ok(t.api('GET', '/api/audit/break-glass?status=all', { token: tok('u-admin') }), 'bg list') as Items).items.map((i) => i.id);
    expect(bgIds).toContain(other.breakGlassId);
    for (const m of mUsers) {
      const u: MatrixUser = { id: m.id, role: m.roles[0]!.role, depth: Number(m.id.split('-').pop()), token: tok(m.id) };
      users.push(u);
      const caseId = String((await ok(t.api('POST', '/api/cases', { token: tok('u-grid1'), body: { definitionId: 'matrix-held', orgPath: GRID1, data: { description: '矩阵', reporterPhone: '13812341234', handler: m.id } } }), 'create held')).id);
      const taskId = await openTask(caseId, { assignee: m.id });
      const att = await ok(t.api('POST', `/api/cases/${caseId}/attachments?name=a.txt`, { token: tok('u-grid1'), raw: 'x', headers: { 'content-type': 'text/plain' } }), 'attach held');
      const [nid] = await k('notifications').insert({ user_id: m.id, kind: 'notify', case_id: caseId, title: 'matrix', dedupe_key: `matrix-own-${m.id}`, created_at: Date.now() });
      // a task picked for one user has no group: its org is the case's (the grid); the step names no role
      held.set(m.id, { ...other, caseId, taskId, attachmentId: String(att.id), userId: m.id, notificationId: Number(nid), taskOrgDepth: depthOf(GRID1), stepRoles: [], initiator: 'u-grid1' });
    }
    openapiOps = Object.entries((await t.api('GET', '/api/openapi.json')).body.paths as Record<string, Record<string, { operationId: string }>>)
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, o]) => ({ operationId: o.operationId, method: method.toUpperCase(), path })));
    console.info(`[authz matrix ${dialect}] world built in ${Date.now() - started} ms: ${users.length} users (${new Set(users.map((u) => u.role)).size} roles), ${openapiOps.length} operations`);
  }, 120_000);
  afterAll(async () => {
    console.info(`[authz matrix ${dialect}] ${summary.cells} cells checked, ${summary.gaps} on known gaps`);
    if (process.env.TONGBAN_MATRIX_VERBOSE) for (const [k, m] of tally) console.info(`  ${k}: ${[...m].map(([st, n]) => `${st}×${n}`).join(' ')}`);
    await t?.close();
  });

  it('has a policy row and a request for every OpenAPI operation, and no stale rows', () => {
    const noRow = openapiOps.filter((o) => !operationPolicy[o.operationId]).map((o) => `${o.operationId} (${o.method} ${o.path})`);
    expect(noRow, `add a row for each of these operations to operationPolicy in runtime/src/authz/authzMatrix.policy.ts: ${noRow.join(', ')}`).toEqual([]);
    const noRequest = openapiOps.filter((o) => !requests[o.operationId]).map((o) => o.operationId);
    expect(noRequest, `add a request for each of these operations to \`requests\` in runtime/src/authz/authzPolicyMatrix.test.ts: ${noRequest.join(', ')}`).toEqual([]);
    const ids = new Set(openapiOps.map((o) => o.operationId));
    const stale = Object.keys(operationPolicy).filter((id) => !ids.has(id) && !undocumentedOperations.includes(id));
    expect(stale, `these policy rows name no OpenAPI operation; remove or rename them: ${stale.join(', ')}`).toEqual([]);
  });

  it.each(Object.keys(operationPolicy))('%s: every role inside and outside scope', async (op) => {
    const policy = operationPolicy[op]!;
    const build = requests[op];
    expect(build, `add a request for ${op} to \`requests\` in authzPolicyMatrix.test.ts`).toBeDefined();
    const problems: string[] = [];
    for (const u of users) {
      for (const kind of cellsOf(policy, op, u)) {
        const target = kind === 'held' ? held.get(u.id)! : kind === 'other' ? other : u.depth === 1 ? outsideCounty : outsideTownship;
        if (op === 'urgeTask') await primeUrge(t, target.taskId, u.id, kind === 'outside');
        const req = build!(target, u);
        const res = await t.api(req.method, req.path, { token: req.noToken ? undefined : u.token, body: req.body, raw: req.raw, headers: req.headers });
        // logging out ends the user's sessions: the next cells need a token of the new epoch
        if (op === 'logout' && res.status === 200) u.token = await freshToken(t, u.id);
        // Bulk answers 200 with a result per item: the item is the cell.
        const item = op === 'bulkTasks' && res.status === 200 ? res.body.results[0] : undefined;
        const status: number = item ? item.status : res.status;
        const errCode: string | undefined = item ? item.error?.code : res.body?.error?.code;
        const exp = expected(policy, op, u, kind, target);
        let fail: string | undefined;
        if (status >= 500) fail = `server error ${status}`;
        else if ('allow' in exp) { if (denial(status) || (status >= 400 && !policyAllowsState(status))) fail = `expected allowed, got ${status} ${errCode ?? ''}`; }
        else if ('list' in exp) {
          if (status !== 200) fail = `expected a 200 list, got ${status} ${errCode ?? ''}`;
          else {
            const ids = listIds[op]!.ids(res.body);
            const want = listIds[op]!.of(target);
            if (exp.list === 'contains' && !ids.includes(want)) fail = `list lacks the in-scope row ${String(want)}`;
            if (exp.list === 'excludes' && ids.includes(want)) fail = `list shows the out-of-scope row ${String(want)}`;
          }
        } else if (exp.status === 404) { if (status !== 404) fail = `expected 404, got ${status} ${errCode ?? ''}`; }
        else if (status !== 403 || errCode !== exp.code) fail = `expected 403 ${exp.code}, got ${status} ${errCode ?? ''}`;
        summary.cells++;
        const tk = `${op} ${kind} ${'allow' in exp ? 'allow' : 'list' in exp ? 'list' : exp.status}`;
        const tm = tally.get(tk) ?? new Map<number, number>();
        tally.set(tk, tm.set(status, (tm.get(status) ?? 0) + 1));
        const gap = gapFor(op, u, kind, exp);
        const where = `${u.role}@L${u.depth} ${kind}: ${req.method} ${req.path}`;
        if (gap) {
          if (fail && status === gap.actual) { summary.gaps++; continue; }
          problems.push(`${where}: known gap "${gap.note}" no longer shows (${fail ? `now ${status} ${errCode ?? ''}` : 'now as the policy says'}); remove it from knownGaps`);
        } else if (fail) problems.push(`${where}: ${fail}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

/** An allowed call may still be refused for its body or the case state (409/422). */
const policyAllowsState = (status: number) => status === 409 || status === 422;

/** 催办 is limited to 3 an hour per user and task: inside cells start with a fresh budget, outside cells with a spent one (the limit must not answer before the scope check). */
async function primeUrge(t: TestRuntime, taskId: string, userId: string, spent: boolean): Promise<void> {
  const k = t.db.knex;
  const key = `urge:${taskId}:${userId}`;
  await k('rate_limits').where({ key }).delete();
  if (spent) await k('rate_limits').insert({ key, window_start: Date.now() - (Date.now() % 3_600_000), count: 3 });
}

/** A token of the user's current epoch (after a logout in a cell). */
async function freshToken(t: TestRuntime, userId: string): Promise<string> {
  const row = (await t.db.knex('users').where({ id: userId }).first('token_epoch')) as { token_epoch: number };
  return t.rt.tokens.issue(userId, Date.now(), Number(row.token_epoch)).token;
}
