/**
 * The authorization policy of the API, as data: the specification `authzMatrix.test.ts` checks the
 * running API against (every OpenAPI operation × every role × inside/outside scope).
 *
 * This file is the *expected* behaviour. Never import it from the implementation (defineAbilities,
 * routers): the matrix can only catch drift while the two are written independently.
 *
 * Reading a row:
 *  - `who`: who may call it at all.
 *      public  — no token needed;
 *      any     — every signed-in role;
 *      roles   — only `roles` (held at `maxDepth` or higher, 1 = county … 4 = grid); everyone else gets
 *                403 `code`, before any lookup, so the answer is the same inside and outside scope;
 *      holder  — the holder of the task (assignee, or candidate of an unassigned group task); others
 *                who can see the task get 403 `code`;
 *      intake  — the intake roles of the service item (`definition.intake.roles`); others 403 `code`;
 *      sender  — the roles a plain event's transition names (`on.<event>.roles`); others 403 `code`;
 *      urger   — 催办: the case's initiator, staff holding a role strictly above the task's org unit
 *                (its supervisors up the tree), or staff holding a role the step names where the case is
 *                in their scope; others who can see the task 403 `code`.
 *  - `scope`: what "outside" means.
 *      none    — a global resource (definitions, the caller itself): no outside cell;
 *      case / task / org / user / attachment / breakGlass / notification / resident / device — a single resource: outside → 404;
 *      list    — outside rows never appear in the answer;
 *      createAt — the target org of a new record: outside → 403 `org.out-of-scope` (org units are not secret).
 *  - `mutates`: the allowed cell may answer a 4xx about the body or state (e.g. 409/422), never a denial.
 */

/** Who may call an operation. */
export type Who =
  | { who: 'public' }
  | { who: 'any' }
  | { who: 'roles'; roles: readonly string[]; maxDepth?: number; code: string }
  | { who: 'holder'; code: string }
  | { who: 'intake'; code: string }
  | { who: 'sender'; code: string }
  | { who: 'urger'; code: string };

/** What inside/outside scope means for an operation. */
export type ScopeKind = 'none' | 'case' | 'task' | 'org' | 'user' | 'attachment' | 'breakGlass' | 'notification' | 'consent' | 'resident' | 'device' | 'list' | 'createAt';

/** One row of the table. */
export interface OperationPolicy {
  access: Who; scope: ScopeKind; note?: string;
  /** roles with the `own` data scope see what staff of their level see (the org tree is not personal data) */
  sameForNonStaff?: true;
}

/**
 * Roles and their data scope. `subtree`: the org subtree of each assignment (domain README, "Data
 * scope"); `own`: only records the user reported or holds. Every role id used in
 * examples/sample-county/users.json must have a row (the test fails otherwise), plus the roles of the
 * domain guide that the sample county does not use yet.
 */
export const rolePolicy: Record<string, { dataScope: 'subtree' | 'own'; depth: number[] }> = {
  // Residents, volunteers and providers are not staff: only the cases they started, took part in or
  // hold a task in (PIPL minimum necessary); 404 on every other case and task, no staff lists.
  // depth: where the matrix places a user with this role (1 county, 2 township, 3 community, 4 grid);
  // the test adds every depth the sample county uses.
  'grid-worker': { dataScope: 'subtree', depth: [4] },
  'grid-leader': { dataScope: 'subtree', depth: [3] },
  'grid-advisor': { dataScope: 'subtree', depth: [4] },
  'community-secretary': { dataScope: 'subtree', depth: [3] },
  'community-officer': { dataScope: 'subtree', depth: [3] },
  mediator: { dataScope: 'subtree', depth: [3] },
  'township-reviewer': { dataScope: 'subtree', depth: [2] },
  'county-dispatcher': { dataScope: 'subtree', depth: [1] },
  'county-admin': { dataScope: 'subtree', depth: [1] },
  'responsible-unit': { dataScope: 'subtree', depth: [3] },
  'call-operator': { dataScope: 'subtree', depth: [1] },
  provider: { dataScope: 'own', depth: [3] },
  'referral-officer': { dataScope: 'subtree', depth: [3] },
  volunteer: { dataScope: 'own', depth: [3] },
  resident: { dataScope: 'own', depth: [4] },
  'supervisory-committee': { dataScope: 'subtree', depth: [3] },
  'volunteer-organiser': { dataScope: 'subtree', depth: [3] },
  maintainer: { dataScope: 'subtree', depth: [1] },
  'referral-coordinator': { dataScope: 'subtree', depth: [1] },
  // the leader of a responsible unit (a county department), copied on 督办 of its unit's incidents
  'unit-leader': { dataScope: 'subtree', depth: [2] },
};

const AUDIT = ['county-admin', 'county-dispatcher', 'township-reviewer'] as const;
const ADMIN = ['county-admin'] as const;
/** Staff who serve residents read the resident and device registries of their subtree (issue 9). */
const REGISTRY = ['grid-worker', 'grid-leader', 'grid-advisor', 'community-secretary', 'community-officer', 'township-reviewer', 'county-dispatcher', 'county-admin', 'call-operator'] as const;
/** 督办: township and county leads, dispatchers, admins. */
const OVERSIGHT = ['county-admin', 'county-dispatcher', 'township-reviewer'] as const;
const POINTS = ['county-admin', 'township-admin', 'community-secretary', 'community-officer'] as const;
const forbidden = 'authz.forbidden';
/** 单独同意 records: staff who register residents' consents (community, call centre, referral office) and their supervisors. */
const CONSENT = ['county-admin', 'township-reviewer', 'community-secretary', 'community-officer', 'call-operator', 'referral-officer'] as const;
const notAssignee = 'task.not-assignee';

/** One row per OpenAPI operationId. A new operation fails the matrix until it has a row here. */
export const operationPolicy: Record<string, OperationPolicy> = {
  // meta, identity, org
  openapi: { access: { who: 'public' }, scope: 'none' },
  login: { access: { who: 'public' }, scope: 'none' },
  me: { access: { who: 'any' }, scope: 'none' },
  listOrgUnits: { access: { who: 'any' }, scope: 'list', sameForNonStaff: true, note: 'the org tree of the caller’s assignments (residents pick where to report)' },
  getOrgUnit: { access: { who: 'any' }, scope: 'org' },
  listUsers: { access: { who: 'any' }, scope: 'list', note: 'staff of the caller’s staff scopes; non-staff list no one' },
  getUser: { access: { who: 'any' }, scope: 'user' },
  logout: { access: { who: 'any' }, scope: 'none', note: 'ends every session of the caller' },
  changePassword: { access: { who: 'any' }, scope: 'none', note: 'own password; ends every session' },
  oidcStart: { access: { who: 'public' }, scope: 'none', note: 'OIDC sign-in (422 where no provider is configured, as in the matrix)' },
  oidcCallback: { access: { who: 'public' }, scope: 'none', note: 'OIDC sign-in (422 where no provider is configured, as in the matrix)' },

  // definitions: everyone reads the catalogue; only county admins change it
  listDefinitions: { access: { who: 'any' }, scope: 'none' },
  getDefinition: { access: { who: 'any' }, scope: 'none' },
  definitionVersions: { access: { who: 'any' }, scope: 'none' },
  getDefinitionVersion: { access: { who: 'any' }, scope: 'none' },
  validateDefinition: { access: { who: 'any' }, scope: 'none', note: 'pure check of a posted body' },
  lintDefinition: { access: { who: 'any' }, scope: 'none', note: 'pure check of a posted body (knows published ids, which everyone may list)' },
  createDraft: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none' },
  publishDefinition: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none' },
  retireDefinition: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none' },
  migrationDryRun: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none', note: 'reads every running case of the item: county admins only' },
  migrateCases: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none', note: 'all or nothing unless leaveUnmappable; audited per case and once for the operation (the matrix posts an unknown case: 422 definition.migration-refused)' },

  // designer (issue 11): the directory (every user's name and roles), drafts and scenarios are county admins' tools
  designerDirectory: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none' },
  getDesignerDraft: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none' },
  saveDesignerDraft: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none' },
  listScenarios: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none' },
  saveScenarios: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none' },
  runScenarios: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none' },
  publishDesignerDraft: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none', note: 'mutates: a stale revision answers 409' },
  designerLibraries: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none' },
  designerImpact: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none', note: 'replays every running case of the item on the posted draft: county admins only' },
  designerMigrationPreview: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none', note: 'reads running cases, writes nothing' },

  // cases
  createCase: { access: { who: 'intake', code: forbidden }, scope: 'createAt' },
  listCases: { access: { who: 'any' }, scope: 'list' },
  getCase: { access: { who: 'any' }, scope: 'case' },
  caseTimeline: { access: { who: 'any' }, scope: 'case' },
  caseActions: { access: { who: 'any' }, scope: 'case' },
  sendCaseEvent: { access: { who: 'sender', code: forbidden }, scope: 'case', note: 'role × state: the transition names its senders' },
  listComments: { access: { who: 'any' }, scope: 'case' },
  addComment: { access: { who: 'any' }, scope: 'case' },
  listAttachments: { access: { who: 'any' }, scope: 'case' },
  uploadAttachment: { access: { who: 'any' }, scope: 'case' },
  downloadAttachment: { access: { who: 'any' }, scope: 'attachment' },
  revealPii: { access: { who: 'holder', code: 'pii.reveal-denied' }, scope: 'case', note: 'purpose-bound reveal: an open task on the case (personal-data.md §3)' },

  // tasks
  taskQueue: { access: { who: 'any' }, scope: 'list' },
  myTasks: { access: { who: 'any' }, scope: 'list' },
  taskCounts: { access: { who: 'any' }, scope: 'none', note: 'numbers only; scoped in SQL' },
  getTask: { access: { who: 'any' }, scope: 'task' },
  claimTask: { access: { who: 'holder', code: notAssignee }, scope: 'task' },
  unclaimTask: { access: { who: 'holder', code: notAssignee }, scope: 'task' },
  completeTask: { access: { who: 'holder', code: notAssignee }, scope: 'task' },
  transferTask: { access: { who: 'holder', code: notAssignee }, scope: 'task' },
  delegateTask: { access: { who: 'holder', code: notAssignee }, scope: 'task' },
  addSigner: { access: { who: 'holder', code: notAssignee }, scope: 'task' },
  removeSigner: { access: { who: 'holder', code: notAssignee }, scope: 'task' },
  withdrawTask: { access: { who: 'holder', code: notAssignee }, scope: 'task', note: 'the last submitter of the task' },
  copyTask: { access: { who: 'holder', code: notAssignee }, scope: 'task' },
  urgeTask: { access: { who: 'urger', code: forbidden }, scope: 'task', note: '催办: the initiator, supervisors up the tree, or a role the step names' },
  saveDraft: { access: { who: 'holder', code: notAssignee }, scope: 'task' },
  bulkTasks: { access: { who: 'holder', code: notAssignee }, scope: 'task', note: 'checked per item (results[0].status)' },

  // inbox
  inbox: { access: { who: 'any' }, scope: 'list', note: 'own rows only' },
  markRead: { access: { who: 'any' }, scope: 'notification', note: 'own rows only; anyone else’s is 404' },

  // audit and personal-data supervision
  auditLog: { access: { who: 'roles', roles: AUDIT, code: forbidden }, scope: 'list' },
  auditVerify: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none', note: 'walks the whole chain' },

  // the workbench's screens (issue 10)
  clientConfig: { access: { who: 'public' }, scope: 'none', note: 'calendar and reader bridge: nothing personal' },
  queueCounts: { access: { who: 'any' }, scope: 'none', note: 'numbers only; scoped in SQL' },
  bulkOptions: { access: { who: 'any' }, scope: 'none', note: 'tasks the caller cannot see offer nothing' },
  listViews: { access: { who: 'any' }, scope: 'none', note: 'own rows only' },
  saveView: { access: { who: 'any' }, scope: 'none', note: 'own rows only' },
  deleteView: { access: { who: 'any' }, scope: 'none', note: 'own rows only; idempotent' },
  caseOverview: { access: { who: 'any' }, scope: 'case' },
  orgMembers: { access: { who: 'any' }, scope: 'org' },
  listDrafts: { access: { who: 'any' }, scope: 'none', note: 'own rows only' },
  saveIntakeDraft: { access: { who: 'any' }, scope: 'none', note: 'own rows only' },
  uploadDraftAttachment: { access: { who: 'any' }, scope: 'none', note: 'stored under the draft id for the uploader; adopted only by their own case' },
  deleteIntakeDraft: { access: { who: 'any' }, scope: 'none', note: 'own rows only; idempotent' },
  inboxCounts: { access: { who: 'any' }, scope: 'none', note: 'own rows only' },
  oversightSummary: { access: { who: 'roles', roles: OVERSIGHT, code: forbidden }, scope: 'none', note: 'numbers scoped in SQL' },
  oversightByOrg: { access: { who: 'roles', roles: OVERSIGHT, code: forbidden }, scope: 'none', note: 'numbers scoped in SQL' },
  oversightByItem: { access: { who: 'roles', roles: OVERSIGHT, code: forbidden }, scope: 'none', note: 'numbers scoped in SQL' },
  oversightTrend: { access: { who: 'roles', roles: OVERSIGHT, code: forbidden }, scope: 'none', note: 'numbers scoped in SQL' },
  breakGlassQueue: { access: { who: 'roles', roles: AUDIT, maxDepth: 2, code: forbidden }, scope: 'list' },
  reviewBreakGlass: { access: { who: 'roles', roles: AUDIT, maxDepth: 2, code: forbidden }, scope: 'breakGlass' },

  // adapters: the palette (manifests, health) is for every designer; settings and dead letters for county admins
  listAdapters: { access: { who: 'any' }, scope: 'none', note: 'settings only in an admin’s answer' },
  putAdapterConfig: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none' },
  listDeadLetters: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none' },
  retryDeadLetter: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none' },
  caseLinks: { access: { who: 'any' }, scope: 'case' },
  getNotificationPrefs: { access: { who: 'any' }, scope: 'none', note: 'the caller’s own' },

  // resident and device registries, spreadsheet import and export (issue 9 items 3–4)
  listResidents: { access: { who: 'roles', roles: REGISTRY, code: forbidden }, scope: 'list', note: 'masked; special identities only to the roles serving them' },
  getResident: { access: { who: 'roles', roles: REGISTRY, code: forbidden }, scope: 'resident' },
  createResident: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'createAt', note: 'the matrix repeats one ID number: 201, then 409' },
  updateResident: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'resident', note: 'the matrix sends a stale expectedVersion: 409' },
  retireResident: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'resident', note: 'the matrix sends a stale expectedVersion: 409' },
  revealResident: { access: { who: 'roles', roles: REGISTRY, code: forbidden }, scope: 'resident', note: 'purpose-bound, audited' },
  listDevices: { access: { who: 'roles', roles: REGISTRY, code: forbidden }, scope: 'list' },
  getDevice: { access: { who: 'roles', roles: REGISTRY, code: forbidden }, scope: 'device' },
  createDevice: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'createAt' },
  updateDevice: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'device', note: 'the matrix sends a stale expectedVersion: 409' },
  registryTemplate: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none' },
  importRegistry: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none', note: 'rows outside the admin’s subtree are row problems (org.out-of-scope)' },
  exportRegistry: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none', note: 'rows of the admin’s subtree only' },
  putNotificationPrefs: { access: { who: 'any' }, scope: 'none', note: 'the caller’s own' },

  // 系统管理 (issue 9): county admins, in the subtrees where they hold the role; the matrix's allowed
  // cells are refused for their state (same parent, members, stale version) so nothing changes
  adminOrgTree: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'list' },
  adminCreateOrgUnit: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'createAt' },
  adminRenameOrgUnit: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'org' },
  adminMoveOrgUnit: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'org', note: 'mutates: the matrix moves to the same parent (422)' },
  adminMergeGrids: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'org', note: 'mutates: the matrix merges a grid into itself (422)' },
  adminRetireOrgUnit: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'org', note: 'mutates: the grid still has members (409)' },
  adminListUsers: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'list' },
  adminCreateUser: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'createAt' },
  adminUpdateUser: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'user' },
  adminSetUserRoles: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'user', note: 'mutates: the matrix names an unknown role (422)' },
  adminSetUserStatus: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'user', note: 'mutates: a stale expectedVersion (409)' },
  adminResetPassword: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'user', note: 'mutates: a stale expectedVersion (409)' },
  adminListIdentityLinks: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'user' },
  adminAddIdentityLink: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'user', note: 'mutates: links a matrix subject to the target user (idempotent)' },
  adminRemoveIdentityLink: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'user', note: 'a link the user does not hold: nothing changes' },
  adminMoveUser: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'user', note: 'mutates: a stale expectedVersion (409)' },
  adminAuditLog: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'list', note: 'admin.* entries by org path (the rename above wrote one for the target)' },
  // operations: probes for load balancers and Prometheus (metrics open only outside production or behind its own token);
  // dead letters for county admins (rows of cases in their subtree; another subtree's row is 404)
  healthz: { access: { who: 'public' }, scope: 'none' },
  readyz: { access: { who: 'public' }, scope: 'none' },
  metrics: { access: { who: 'public' }, scope: 'none', note: 'development default; production needs TONGBAN_METRICS_TOKEN or TONGBAN_METRICS_PORT' },
  listOpsDeadLetters: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none', note: 'rows of cases in the admin’s subtree' },
  retryOpsDeadLetter: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none', note: 'audited' },
  discardOpsDeadLetter: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none', note: 'audited' },
  // 积分 (issue 13): rules are the county's; rewards and accounts are kept by community staff and above for residents in their scope
  listPointsRules: { access: { who: 'any' }, scope: 'none' },
  putPointsRule: { access: { who: 'roles', roles: ADMIN, code: forbidden }, scope: 'none', note: 'audited' },
  listPointsRewards: { access: { who: 'any' }, scope: 'none', note: 'rewards offered at the caller’s org units and above' },
  createPointsReward: { access: { who: 'roles', roles: POINTS, code: forbidden }, scope: 'createAt' },
  listManagedPointsRewards: { access: { who: 'roles', roles: POINTS, code: forbidden }, scope: 'none', note: 'rewards at or under the caller’s staff org units, withdrawn ones too' },
  updatePointsReward: { access: { who: 'roles', roles: POINTS, code: forbidden }, scope: 'none', note: 'audited; the matrix names an unknown reward: 422 (a reward outside the caller’s scope answers the same)' },
  getPointsAccount: { access: { who: 'any' }, scope: 'user', note: 'residents: their own account only' },
  awardPoints: { access: { who: 'roles', roles: POINTS, code: forbidden }, scope: 'user', note: 'mutates: a second award for the same activity answers 409' },
  redeemPoints: { access: { who: 'roles', roles: POINTS, code: forbidden }, scope: 'user', note: 'the matrix names an unknown reward: 422' },
  reversePoints: { access: { who: 'roles', roles: POINTS, code: forbidden }, scope: 'user', note: 'the matrix names an unknown entry: 422' },
  // the consent registry (issue 13): scoped by the resident's org unit; every change audited
  recordConsent: { access: { who: 'roles', roles: CONSENT, code: 'consent.forbidden' }, scope: 'createAt', note: 'the resident’s org unit must be in the caller’s scope' },
  listConsents: { access: { who: 'roles', roles: CONSENT, code: 'consent.forbidden' }, scope: 'list' },
  getConsent: { access: { who: 'roles', roles: CONSENT, code: 'consent.forbidden' }, scope: 'consent' },
  withdrawConsent: { access: { who: 'roles', roles: CONSENT, code: 'consent.forbidden' }, scope: 'consent', note: 'mutates: a second withdrawal answers 409' },
};

/**
 * Cells where the implementation is known to differ from the policy, with the file the fix
 * belongs in (files this area does not own). A gap covers the cells of its operation whose policy
 * answer is `expected` (on `cell`, for `roles` or all); each must still show `actual`: once the fix
 * lands the matrix fails and asks for the entry to be removed. Keep this list short.
 */
export interface KnownGap { operationId: string; cell: 'inside' | 'outside'; roles?: readonly string[]; expected: 403 | 404; actual: number; fixIn: string; note: string }

export const knownGaps: KnownGap[] = [];

/** Operations served beside the OpenAPI document but not listed in it (the document itself). */
export const undocumentedOperations = ['openapi'];
