/**
 * Resolves a human step's assignment rule to candidates, with a "why this assignee" trace.
 * Policies: the initiator as assignee (allow / skip / superior) and an empty result
 * (auto-pass / auto-reject / fallback user / admin) are applied here too.
 */
import type { AssignmentRule, OrgLevel, TaskSpec } from '../definition/types.ts';
import { OrgLevels } from '../definition/types.ts';
import type { CaseContext } from './context.ts';
import { levelOf, orgAt, orgUp } from './directory.ts';
import type { Env } from './env.ts';
import type { AssignmentTrace } from './types.ts';

type Why = AssignmentTrace['why'][number];

const levelNames: Record<OrgLevel, [string, string]> = {
  county: ['县', 'county'], township: ['乡镇', 'township'], community: ['社区', 'community'], grid: ['网格', 'grid'],
};

export interface Resolution {
  trace: AssignmentTrace;
  /** ordered slots for sequence/chain modes */
  order: string[];
  /** set when a policy decides the step by itself */
  auto?: 'auto-pass' | 'auto-reject';
}

function dataField(ctx: CaseContext, field: string): unknown {
  const key = field.startsWith('data.') ? field.slice(5) : field;
  return key.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Record<string, unknown>)[k] : undefined), ctx.data);
}

function orgLabel(env: Env, path: string): string {
  return env.directory.orgName(path) ?? path;
}

function byRole(env: Env, role: string, org: string | undefined, why: Why[]): AssignmentTrace['group'] & { users: string[] } | undefined {
  if (!org) return undefined;
  const users = env.directory.usersWithRole(role, org);
  const lvl = levelOf(org);
  const [zh, en] = lvl ? levelNames[lvl] : ['组织', 'org'];
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

function chainOrder(ctx: CaseContext, env: Env, rule: Extract<AssignmentRule, { chain: unknown }>, why: Why[]): string[] {
  const { role, from, to, of } = rule.chain;
  const base = of === 'initiator' ? ctx.initiator.orgPath : ctx.orgPath;
  const lo = OrgLevels.indexOf(from);
  const hi = OrgLevels.indexOf(to);
  const order: string[] = [];
  for (let i = lo; i >= hi; i--) {
    const found = byRole(env, role, orgAt(base, OrgLevels[i]!), why);
    if (found?.users[0]) order.push(found.users[0]);
  }
  return order;
}

function resolveRule(ctx: CaseContext, env: Env, rule: AssignmentRule, why: Why[]): { trace: Omit<AssignmentTrace, 'why' | 'rule'>; order: string[] } {
  if ('user' in rule) {
    why.push({ 'zh-CN': `指定用户 ${rule.user}`, en: `named user ${rule.user}` });
    return { trace: { candidates: [rule.user], assignee: rule.user }, order: [rule.user] };
  }
  if ('pick' in rule) {
    const v = dataField(ctx, rule.field);
    const users = (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v]).map(String);
    why.push({ 'zh-CN': `${rule.pick === 'initiator' ? '发起人' : '上一审批人'}自选：${users.join('、') || '未选择'}`, en: `picked by the ${rule.pick === 'initiator' ? 'initiator' : 'previous approver'}: ${users.join(', ') || 'none'}` });
    return { trace: { candidates: users, assignee: users.length === 1 ? users[0] : undefined }, order: users };
  }
  if ('chain' in rule) {
    const order = chainOrder(ctx, env, rule, why);
    return { trace: { candidates: order, assignee: order[0] }, order };
  }
  if ('orgField' in rule) {
    const org = dataField(ctx, rule.orgField);
    const found = byRole(env, rule.role, typeof org === 'string' ? org : undefined, why);
    const users = found?.users ?? [];
    return { trace: { candidates: users, group: found && { role: found.role, orgPath: found.orgPath } }, order: users };
  }
  const base = baseOrg(ctx, env, rule.of, why);
  const org = !rule.scope || rule.scope === 'case' ? base : orgAt(base, rule.scope);
  const found = byRole(env, rule.role, org, why);
  const users = found?.users ?? [];
  return { trace: { candidates: users, group: found && { role: found.role, orgPath: found.orgPath } }, order: users };
}

function applyInitiatorPolicy(ctx: CaseContext, env: Env, task: TaskSpec, r: ReturnType<typeof resolveRule>, why: Why[]): ReturnType<typeof resolveRule> {
  const me = ctx.initiator.userId;
  const policy = task.onInitiator ?? 'allow';
  if (policy === 'allow' || !r.trace.candidates.includes(me)) return r;
  if (policy === 'skip') {
    why.push({ 'zh-CN': '处理人为发起人本人，按规则跳过', en: 'the initiator is an assignee; skipped by policy' });
    const candidates = r.trace.candidates.filter((u) => u !== me);
    return { trace: { ...r.trace, candidates, assignee: candidates.length === 1 ? candidates[0] : undefined }, order: r.order.filter((u) => u !== me) };
  }
  const group = r.trace.group;
  const up = group ? byRole(env, group.role, orgUp(group.orgPath, 1), why) : undefined;
  why.push({ 'zh-CN': '处理人为发起人本人，转由上级处理', en: 'the initiator is an assignee; passed to the superior level' });
  const users = up?.users ?? [];
  return { trace: { candidates: users, group: up && { role: up.role, orgPath: up.orgPath } }, order: users };
}

/** Resolves the assignment of a human step, applying the initiator and empty-assignee policies. */
export function resolveAssignment(ctx: CaseContext, env: Env, task: TaskSpec): Resolution {
  const why: Why[] = [];
  let r = resolveRule(ctx, env, task.assignee, why);
  const hadInitiator = r.trace.candidates.includes(ctx.initiator.userId);
  r = applyInitiatorPolicy(ctx, env, task, r, why);
  const trace: AssignmentTrace = { rule: task.assignee, ...r.trace, why };
  if (r.trace.candidates.length > 0) return { trace, order: r.order };
  if (hadInitiator && task.onInitiator === 'skip') return { trace, order: [], auto: 'auto-pass' };
  const empty = task.onEmpty ?? 'admin';
  if (empty === 'auto-pass' || empty === 'auto-reject') {
    why.push({ 'zh-CN': `无可分配人员，按规则${empty === 'auto-pass' ? '自动通过' : '自动驳回'}`, en: `nobody to assign; ${empty} by policy` });
    return { trace, order: [], auto: empty };
  }
  if (typeof empty === 'object') {
    why.push({ 'zh-CN': `无可分配人员，转备用处理人 ${empty.fallbackUser}`, en: `nobody to assign; fallback user ${empty.fallbackUser}` });
    return { trace: { ...trace, candidates: [empty.fallbackUser], assignee: empty.fallbackUser }, order: [empty.fallbackUser] };
  }
  const county = orgAt(ctx.orgPath, 'county') ?? ctx.orgPath;
  const admins = env.directory.usersWithRole('county-admin', county);
  why.push({ 'zh-CN': `无可分配人员，转县级管理员（${admins.length} 人）`, en: `nobody to assign; county admins (${admins.length})` });
  return { trace: { ...trace, candidates: admins, group: { role: 'county-admin', orgPath: county } }, order: admins };
}
