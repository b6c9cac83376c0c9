/**
 * Resolves a human step's assignment to candidates, with a "why this assignee" trace. A step may
 * combine several rules (a community officer and a township liaison sign one countersign).
 * Policies: the initiator as assignee (allow / skip / superior) and an empty result (auto-pass /
 * auto-reject / fallback user / fallback rule / admin) are applied here too. A `pick` names users
 * in the data: who was picked is checked here, and a bad pick refuses the act that made it.
 */
import type { Assignee, AssignmentRule, OrgLevel, TaskSpec } from '../definition/types.ts';
import { OrgLevels } from '../definition/types.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { pointer } from '../diagnostics/Diagnostic.ts';
import type { CaseContext } from './context.ts';
import { isUnder, levelOf, orgAt, orgUp } from './directory.ts';
import type { Env } from './env.ts';
import type { AssignmentTrace } from './types.ts';

type Why = AssignmentTrace['why'][number];
type Group = { role: string; orgPath: string };

const levelNames: Record<OrgLevel, [string, string]> = {
  county: ['县', 'county'], township: ['乡镇', 'township'], community: ['社区', 'community'], grid: ['网格', 'grid'],
};

export interface Resolution {
  trace: AssignmentTrace;
  /** ordered slots for sequence/chain modes, one per user for countersign / or-sign / vote */
  order: string[];
  /** user → the group (role@org) their task belongs to, when several rules were combined */
  groups?: Record<string, Group>;
  /** set when a policy decides the step by itself */
  auto?: 'auto-pass' | 'auto-reject';
  /** why the act that led here must be refused (a picked user who may not take the step) */
  refusals?: Diagnostic[];
}

interface Resolved { candidates: string[]; assignee?: string; group?: Group; order: string[]; refusals?: Diagnostic[] }

function dataField(ctx: CaseContext, field: string): unknown {
  const key = field.startsWith('data.') ? field.slice(5) : field;
  return key.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Record<string, unknown>)[k] : undefined), ctx.data);
}

function orgLabel(env: Env, path: string): string {
  return env.directory.orgName(path) ?? path;
}

/** The level word for an org path (a unit below the grid is a micro-grid / building, 微网格). */
function levelWords(path: string): [string, string] {
  const lvl = levelOf(path);
  if (lvl) return levelNames[lvl];
  return path.split('/').filter(Boolean).length > OrgLevels.length ? ['微网格', 'micro-grid'] : ['组织', 'org'];
}

function byRole(env: Env, role: string, org: string | undefined, why: Why[]): (Group & { users: string[] }) | undefined {
  if (!org) return undefined;
  const users = env.directory.usersWithRole(role, org);
  const [zh, en] = levelWords(org);
  why.push({ 'zh-CN': `按角色“${role}”在${zh}“${orgLabel(env, org)}”分配，共 ${users.length} 人`, en: `role "${role}" at ${en} "${orgLabel(env, org)}": ${users.length} user(s)` });
  return { role, orgPath: org, users };
}

function baseOrg(ctx: CaseContext, env: Env, of: string | undefined, why: Why[]): string {
  if (of === 'initiator') return ctx.initiator.orgPath;
  if (of === 'previous-handler') {
    const prev = ctx.trail[ctx.trail.length - 1]?.by;
    const org = prev ? env.directory.userOrg(prev) : undefined;
    if (org) return org;
    why.push({ 'zh-CN': '无上一处理人，按案件所属组织', en: 'no previous handler; using the case org' });
  }
  return ctx.orgPath;
}

/** The org subtree a rule's `scope` names, relative to the case: its ancestor at that level, the case org itself, or (unset) the case's county. */
export function scopeOrg(ctx: CaseContext, scope: OrgLevel | 'case' | undefined): string {
  if (scope === 'case') return ctx.orgPath;
  return orgAt(ctx.orgPath, scope ?? 'county') ?? ctx.orgPath;
}

/** True when the user holds `role` (any role, when unset) at an org inside `org`'s subtree. */
export function holdsRoleIn(env: Env, userId: string, roles: readonly string[] | undefined, org: string): boolean {
  return env.directory.rolesOf(userId).some((r) => (!roles || roles.includes(r.role)) && isUnder(r.orgPath, org));
}

function pickRule(ctx: CaseContext, env: Env, rule: Extract<AssignmentRule, { pick: unknown }>, why: Why[]): Resolved {
  const v = dataField(ctx, rule.field);
  const users = (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v]).map(String);
  why.push({ 'zh-CN': `${rule.pick === 'initiator' ? '发起人' : '上一审批人'}自选：${users.join('、') || '未选择'}`, en: `picked by the ${rule.pick === 'initiator' ? 'initiator' : 'previous approver'}: ${users.join(', ') || 'none'}` });
  const path = '/data' + pointer(...(rule.field.startsWith('data.') ? rule.field.slice(5) : rule.field).split('.'));
  const org = scopeOrg(ctx, rule.scope);
  const refusals: Diagnostic[] = [];
  for (const user of users) {
    if (!env.directory.hasUser(user)) refusals.push(diag('run.pick-unknown-user', path, { user }));
    else if (rule.role && !holdsRoleIn(env, user, [rule.role], org)) refusals.push(diag('run.pick-not-allowed', path, { user, role: rule.role, org: orgLabel(env, org) }));
  }
  return { candidates: users, assignee: users.length === 1 ? users[0] : undefined, order: users, ...(refusals.length ? { refusals } : {}) };
}

function chainOrder(ctx: CaseContext, env: Env, rule: Extract<AssignmentRule, { chain: unknown }>, why: Why[]): string[] {
  const { role, from, to, of } = rule.chain;
  const base = of === 'initiator' ? ctx.initiator.orgPath : ctx.orgPath;
  const order: string[] = [];
  for (let i = OrgLevels.indexOf(from); i >= OrgLevels.indexOf(to); i--) {
    const found = byRole(env, role, orgAt(base, OrgLevels[i]!), why);
    if (found?.users[0]) order.push(found.users[0]);
  }
  return order;
}

function resolveRule(ctx: CaseContext, env: Env, rule: AssignmentRule, why: Why[]): Resolved {
  if ('user' in rule) {
    why.push({ 'zh-CN': `指定用户 ${rule.user}`, en: `named user ${rule.user}` });
    return { candidates: [rule.user], assignee: rule.user, order: [rule.user] };
  }
  if ('initiator' in rule) {
    const me = ctx.initiator.userId;
    const known = env.directory.hasUser(me);
    why.push(known ? { 'zh-CN': `发起人本人 ${me}`, en: `the initiator ${me}` } : { 'zh-CN': '案件由系统或设备发起，没有发起人可分配', en: 'the case was opened by a system or device: no initiator to assign' });
    return known ? { candidates: [me], assignee: me, order: [me] } : { candidates: [], order: [] };
  }
  if ('pick' in rule) return pickRule(ctx, env, rule, why);
  if ('chain' in rule) {
    const order = chainOrder(ctx, env, rule, why);
    return { candidates: order, assignee: order[0], order };
  }
  if ('orgField' in rule) {
    const org = dataField(ctx, rule.orgField);
    const found = byRole(env, rule.role, typeof org === 'string' ? org : undefined, why);
    const users = found?.users ?? [];
    return { candidates: users, group: found && { role: found.role, orgPath: found.orgPath }, order: users };
  }
  const base = baseOrg(ctx, env, rule.of, why);
  const org = !rule.scope || rule.scope === 'case' ? base : orgAt(base, rule.scope);
  const found = byRole(env, rule.role, org, why);
  const users = found?.users ?? [];
  return { candidates: users, group: found && { role: found.role, orgPath: found.orgPath }, order: users };
}

/** An `orgField` holding several org units (主办 + 协办: the assisting units): one part per unit, each its own group. */
function orgListParts(ctx: CaseContext, env: Env, rule: AssignmentRule, why: Why[]): Resolved[] | undefined {
  if (!('orgField' in rule)) return undefined;
  const orgs = dataField(ctx, rule.orgField);
  if (!Array.isArray(orgs)) return undefined;
  return [...new Set(orgs.filter((o): o is string => typeof o === 'string'))].map((org) => {
    const found = byRole(env, rule.role, org, why);
    const users = found?.users ?? [];
    return { candidates: users, group: found && { role: found.role, orgPath: found.orgPath }, order: users };
  });
}

/** Several rules (or one org field naming several units): every rule's users, in rule order, each remembering the group it came from. */
function resolveAll(ctx: CaseContext, env: Env, assignee: Assignee, why: Why[]): Resolved & { groups?: Record<string, Group> } {
  const rules = Array.isArray(assignee) ? assignee : [assignee];
  const lists = rules.map((rule) => orgListParts(ctx, env, rule, why));
  if (!Array.isArray(assignee) && !lists[0]) return resolveRule(ctx, env, assignee, why);
  const parts = rules.flatMap((rule, i) => lists[i] ?? [resolveRule(ctx, env, rule, why)]);
  const order = [...new Set(parts.flatMap((p) => p.order))];
  const groups: Record<string, Group> = {};
  for (const p of parts) if (p.group) for (const u of p.order) groups[u] ??= p.group;
  const refusals = parts.flatMap((p) => p.refusals ?? []);
  const single = parts.length === 1 ? parts[0]!.group : undefined;
  return { candidates: order, assignee: order.length === 1 ? order[0] : undefined, order, ...(single ? { group: single } : {}), groups, ...(refusals.length ? { refusals } : {}) };
}

function applyInitiatorPolicy(ctx: CaseContext, env: Env, task: TaskSpec, r: Resolved, why: Why[]): Resolved {
  const me = ctx.initiator.userId;
  const policy = task.onInitiator ?? 'allow';
  if (policy === 'allow' || !r.candidates.includes(me)) return r;
  if (policy === 'skip') {
    why.push({ 'zh-CN': '处理人为发起人本人，按规则跳过', en: 'the initiator is an assignee; skipped by policy' });
    const candidates = r.candidates.filter((u) => u !== me);
    return { ...r, candidates, assignee: candidates.length === 1 ? candidates[0] : undefined, order: r.order.filter((u) => u !== me) };
  }
  const up = r.group ? byRole(env, r.group.role, orgUp(r.group.orgPath, 1), why) : undefined;
  why.push({ 'zh-CN': '处理人为发起人本人，转由上级处理', en: 'the initiator is an assignee; passed to the superior level' });
  const users = up?.users ?? [];
  return { candidates: users, group: up && { role: up.role, orgPath: up.orgPath }, order: users };
}

function countyAdmins(ctx: CaseContext, env: Env, why: Why[]): Resolved {
  const county = orgAt(ctx.orgPath, 'county') ?? ctx.orgPath;
  const admins = env.directory.usersWithRole('county-admin', county);
  why.push({ 'zh-CN': `无可分配人员，转县级管理员（${admins.length} 人）`, en: `nobody to assign; county admins (${admins.length})` });
  return { candidates: admins, group: { role: 'county-admin', orgPath: county }, order: admins };
}

/** Roles that are not staff: they may act on their own tasks, never be handed someone else's. */
export const NonStaffRoles: readonly string[] = ['resident', 'volunteer', 'provider'];

/** The roles an assignment names (none for a named user, a pick without a role, or the initiator). */
export function rolesOfAssignee(assignee: Assignee): string[] {
  const rules = Array.isArray(assignee) ? assignee : [assignee];
  return [...new Set(rules.flatMap((r) => ('chain' in r ? [r.chain.role] : 'role' in r && r.role ? [r.role] : [])))];
}

/**
 * Why `user` may not be handed a task of this step by transfer, delegate or add-signer (undefined: they may).
 * The step's `targets` say whom; by default the roles the step works with — its assignee roles and the
 * roles its decisions name (any staff role when it names none) — inside the org the task was assigned
 * at (else the case's county).
 */
export function targetRefusal(ctx: CaseContext, env: Env, task: TaskSpec, group: Group | undefined, user: string, path: string): Diagnostic | undefined {
  if (!env.directory.hasUser(user)) return diag('run.unknown-user', path, { user });
  const stepRoles = [...new Set([...rolesOfAssignee(task.assignee), ...Object.values(task.decisions ?? {}).flatMap((d) => d.roles ?? [])])];
  const roles = task.targets?.roles ?? (stepRoles.length ? stepRoles : undefined);
  const org = task.targets?.scope ? scopeOrg(ctx, task.targets.scope) : group?.orgPath ?? scopeOrg(ctx, undefined);
  const ok = env.directory.rolesOf(user).some((r) => (roles ? roles.includes(r.role) : !NonStaffRoles.includes(r.role)) && isUnder(r.orgPath, org));
  return ok ? undefined : diag('run.target-not-allowed', path, { user, roles: roles?.join('、') ?? { 'zh-CN': '工作人员', en: 'staff' }, org: orgLabel(env, org) });
}

/** Who serves a step nobody else can: a fixed user, another rule (the township's admin), or the county admins. */
export function fallbackFor(ctx: CaseContext, env: Env, task: TaskSpec, why: Why[]): Resolved {
  const empty = task.onEmpty ?? 'admin';
  if (typeof empty === 'object' && 'fallbackUser' in empty) {
    why.push({ 'zh-CN': `无可分配人员，转备用处理人 ${empty.fallbackUser}`, en: `nobody to assign; fallback user ${empty.fallbackUser}` });
    return { candidates: [empty.fallbackUser], assignee: empty.fallbackUser, order: [empty.fallbackUser] };
  }
  if (typeof empty === 'object') {
    why.push({ 'zh-CN': '无可分配人员，按备用规则分配', en: 'nobody to assign; using the fallback rule' });
    const r = resolveRule(ctx, env, empty.fallback, why);
    if (r.candidates.length) return { ...r, refusals: undefined };
  }
  return countyAdmins(ctx, env, why);
}

/** Resolves the assignment of a human step, applying the initiator and empty-assignee policies. */
export function resolveAssignment(ctx: CaseContext, env: Env, task: TaskSpec): Resolution {
  const why: Why[] = [];
  const first = resolveAll(ctx, env, task.assignee, why);
  const hadInitiator = first.candidates.includes(ctx.initiator.userId);
  const r = applyInitiatorPolicy(ctx, env, task, first, why);
  const traceOf = (x: Resolved): AssignmentTrace => ({ rule: task.assignee, candidates: x.candidates, ...(x.assignee ? { assignee: x.assignee } : {}), ...(x.group ? { group: x.group } : {}), why });
  const extra = { ...(first.groups && Object.keys(first.groups).length ? { groups: first.groups } : {}), ...(first.refusals ? { refusals: first.refusals } : {}) };
  if (r.candidates.length > 0) return { trace: traceOf(r), order: r.order, ...extra };
  if (hadInitiator && task.onInitiator === 'skip') return { trace: traceOf(r), order: [], auto: 'auto-pass', ...extra };
  const empty = task.onEmpty ?? 'admin';
  if (empty === 'auto-pass' || empty === 'auto-reject') {
    why.push({ 'zh-CN': `无可分配人员，按规则${empty === 'auto-pass' ? '自动通过' : '自动驳回'}`, en: `nobody to assign; ${empty} by policy` });
    return { trace: traceOf(r), order: [], auto: empty, ...extra };
  }
  const fb = fallbackFor(ctx, env, task, why);
  return { trace: traceOf(fb), order: fb.order, ...extra };
}
