/**
 * The response bodies of the API as named JSON Schemas (components of the OpenAPI document).
 * Objects are closed (`additionalProperties: false`) so a field the server adds without declaring
 * it fails the integration tests, which validate every response against these schemas: the
 * document, the generated client and the server cannot drift apart.
 */
import type { Schema } from '../http/operation.ts';

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const nullable = (s: Schema): Schema => ('$ref' in s ? { oneOf: [s, { type: 'null' }] }
  : { ...s, type: [s.type as string, 'null'], ...(Array.isArray(s.enum) ? { enum: [...s.enum, null] } : {}) });
const arr = (items: Schema): Schema => ({ type: 'array', items });
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
/** A closed object; `optional` lists the properties that may be absent. */
const obj = (properties: Record<string, Schema>, optional: string[] = []): Schema => ({
  type: 'object', additionalProperties: false, properties, required: Object.keys(properties).filter((k) => !optional.includes(k)),
});
const page = (item: string, cursor: Schema = nullable(str)): Schema => obj({ items: arr(ref(item)), nextCursor: cursor });
const list = (item: string): Schema => obj({ items: arr(ref(item)) });
const openMap = { type: 'object', additionalProperties: true } as const;

const deadline = obj({
  dueAt: nullable(int), warnAt: nullable(int), clock: nullable({ type: 'string', enum: ['natural', 'working', 'urgent'] }),
  calendar: { type: 'string', description: '计算剩余时间所用的县级日历编号（见 /api/client-config 的 calendar.calendars） Id of the county calendar the figures count on (see calendar.calendars in /api/client-config)' },
  remainingMs: nullable(int), overdueMs: nullable(int),
  status: { type: 'string', enum: ['none', 'on-track', 'at-risk', 'overdue', 'paused', 'done'] },
  pausedReason: nullable(ref('LocalizedText')), computedAt: int,
});

/** Every named response schema. */
export const apiSchemas = {
  LocalizedText: obj({ 'zh-CN': str, en: str }),
  RoleAssignment: obj({ role: str, orgPath: str }),
  User: obj({ id: str, username: str, name: str, orgPath: str, disabled: bool, roles: arr(ref('RoleAssignment')) }),
  UserPage: page('User'),
  Done: obj({ ok: bool }),
  LoginResult: obj({ token: str, expiresAt: int, user: ref('User') }),
  OrgUnit: obj({ path: str, code: str, name: str, level: str, parentPath: nullable(str) }),
  OrgUnitList: list('OrgUnit'),
  DefinitionSummary: obj({ id: str, version: int, status: { type: 'string', enum: ['draft', 'published', 'retired'] }, title: str, category: str, createdAt: int, publishedAt: nullable(int) }),
  DefinitionList: list('DefinitionSummary'),
  DefinitionDetail: obj({ id: str, version: int, status: str, title: str, category: str, createdAt: int, publishedAt: nullable(int), definition: openMap }),
  Diagnostic: obj({ code: str, severity: { type: 'string', enum: ['error', 'warning', 'info'] }, path: str, message: ref('LocalizedText'), details: openMap }, ['details']),
  CheckResult: obj({ ok: bool, diagnostics: arr(ref('Diagnostic')) }),
  /** a version replayed against running cases; state values are a state name, or nested names for parallel / compound states */
  MigrationDryRun: obj({ from: int, to: int, cases: arr(ref('MigrationDryRunCase')) }),
  MigrationDryRunCase: obj({
    caseId: str, ref: str, state: {}, replayedState: {}, changesState: bool, tasks: obj({ lost: arr(str), gained: arr(str) }),
    stops: obj({ index: int, type: str, diagnostics: arr(obj({ code: str, path: str, message: ref('LocalizedText') })) }),
  }, ['stops']),
  MigrationResult: obj({ migrated: arr(obj({ caseId: str, version: int, report: obj({
    from: obj({ version: int, state: {} }), to: obj({ version: int, state: {} }),
    tasks: obj({ kept: arr(str), lost: arr(str), gained: arr(str) }), droppedFields: arr(str),
  }) })), left: arr(ref('MigrationLeftCase')) }),
  /** a case a migration left on its version, and why */
  MigrationLeftCase: obj({ caseId: str, diagnostics: arr(obj({ code: str, path: str, message: ref('LocalizedText') })) }),
  Deadline: deadline,
  CaseCreated: obj({ id: str, ref: str, version: int }),
  CaseListItem: obj({ id: str, ref: str, definitionId: str, definitionVersion: int, orgPath: str, orgName: nullable(str), state: str, stateTitle: ref('LocalizedText'), status: str, version: int, createdAt: int, updatedAt: int, deadline: ref('Deadline') }),
  CasePage: page('CaseListItem'),
  CaseView: obj({
    id: str, ref: str, definitionId: str, definitionVersion: int, orgPath: str, state: str, status: str, version: int, createdAt: int, updatedAt: int,
    data: openMap, masked: arr(str), hidden: arr(str), outcome: str,
    openTasks: arr(obj({ id: str, state: str, assignee: str, status: str }, ['assignee'])),
  }, ['outcome']),
  TimelineEntry: obj({ seq: int, type: str, actorId: nullable(str), at: int, action: str, taskId: str, comment: str }, ['action', 'taskId', 'comment']),
  Timeline: list('TimelineEntry'),
  CaseVersion: obj({ version: int }),
  Comment: obj({ id: int, userId: str, userName: { type: ['string', 'null'] }, body: str, createdAt: int }),
  CommentList: list('Comment'),
  CommentCreated: obj({ id: int }),
  Attachment: obj({ id: str, name: str, mime: str, size: int, sha256: str, uploadedBy: str, createdAt: int }),
  AttachmentList: list('Attachment'),
  AttachmentCreated: obj({ id: str, name: str, mime: str, size: int, sha256: str }),
  Revealed: obj({ values: openMap }),
  AvailableAction: obj({ kind: { type: 'string', enum: ['decision', 'operation', 'claim', 'withdraw', 'event'] }, name: str, state: str, taskId: str, title: ref('LocalizedText'), requires: arr(str) }, ['taskId', 'title']),
  CaseActions: obj({ caseId: str, version: int, items: arr(ref('AvailableAction')) }),
  TaskSummary: obj({
    id: str, caseId: str, caseRef: nullable(str), definitionId: str, state: str, title: ref('LocalizedText'), status: { type: 'string', enum: ['pending', 'waiting', 'delegated', 'done', 'cancelled'] },
    assignee: nullable(str), group: nullable(obj({ role: str, orgPath: str })), orgPath: str, priority: int, dueAt: nullable(int), overdue: bool, createdAt: int,
    outcome: nullable(str), deadline: ref('Deadline'),
  }),
  TaskPage: page('TaskSummary'),
  TaskCounts: { type: 'object', additionalProperties: int, propertyNames: { enum: ['pending', 'waiting', 'delegated', 'done', 'cancelled'] } },
  TaskDetail: obj({
    id: str, caseId: str, caseRef: nullable(str), definitionId: str, state: str, title: ref('LocalizedText'), status: str, assignee: nullable(str), group: nullable(obj({ role: str, orgPath: str })),
    orgPath: str, priority: int, dueAt: nullable(int), overdue: bool, createdAt: int, outcome: nullable(str), deadline: ref('Deadline'),
    form: nullable(str), fields: { type: 'object', additionalProperties: { type: 'string', enum: ['read', 'write', 'hidden', 'masked', 'required'] } },
    decisions: arr(obj({ name: str, kind: str, requires: arr(str) })), why: nullable(arr(ref('LocalizedText'))), draft: nullable(openMap),
  }),
  TaskActed: obj({ caseId: str, version: int }),
  DraftSaved: obj({ saved: bool }),
  BulkResults: obj({ results: arr(obj({ taskId: str, ok: bool, status: int, version: int, error: obj({ code: str, message: str, details: openMap }) }, ['version', 'error'])) }),
  Notification: obj({ id: int, kind: { type: 'string', enum: ['notify', 'cc', 'urge'] }, caseId: nullable(str), taskId: nullable(str), title: str, read: bool, createdAt: int }),
  NotificationPage: page('Notification', nullable(int)),
  MarkedRead: obj({ read: bool }),
  AuditEntry: obj({ seq: int, at: int, actorId: nullable(str), actorName: nullable(str), actorRoles: nullable(str), orgPath: nullable(str), action: str, caseId: nullable(str), detail: openMap,
    summary: nullable(ref('LocalizedText')), hash: str }),
  AuditPage: page('AuditEntry', nullable(int)),
  AuditVerify: obj({ ok: bool, entries: int, brokenAt: int, reason: str, checkpoints: int }, ['brokenAt', 'reason', 'checkpoints']),
  BreakGlassItem: obj({ id: int, caseId: str, actorId: str, orgPath: str, at: int, status: { type: 'string', enum: ['pending', 'reviewed'] }, reviewerId: nullable(str),
    outcome: nullable({ type: 'string', enum: ['justified', 'unjustified'] }), note: nullable(str), reviewedAt: nullable(int) }),
  BreakGlassPage: page('BreakGlassItem', nullable(int)),
} satisfies Record<string, Schema>;

/** The name of a response schema. */
export type ApiSchemaName = keyof typeof apiSchemas;

/** A `$ref` to a named component schema. */
export function schemaRef(name: string): Schema {
  return { $ref: `#/components/schemas/${name}` };
}
