/**
 * Oversight aggregates in SQL. Tasks carry the numbers of deadlines (open, at risk past the 预警
 * point, overdue); cases carry backlog and completion. Scope is applied as for every list
 * (`applyScope`), then narrowed to the org subtree asked for.
 */
import type { Knex } from 'knex';
import type { AppAbility } from '../authz/defineAbilities.ts';
import { applyScope } from '../authz/scopeToSql.ts';
import { NO_DUE } from '../cases/applyEffects.ts';
import { depthOfPath } from '../identity/orgPath.ts';

const open = ['pending', 'waiting', 'delegated'];
const WEEK = 7 * 86_400_000;
const CN = 8 * 3_600_000;
type F = { orgPath: string; definitionId?: string };

/** Monday 00:00 (China time) of the week holding `at`. */
export function weekStart(at: number): number {
  const local = at + CN;
  const day = Math.floor(local / 86_400_000);
  const monday = day - ((day + 3) % 7); // 1970-01-01 was a Thursday
  return monday * 86_400_000 - CN;
}

/** First day of the month holding `at`, China time. */
function monthStart(at: number): number {
  const d = new Date(at + CN);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - CN;
}

/** Creates the oversight queries. */
export function createOversightQueries(knex: Knex, dialect: 'sqlite' | 'mysql') {
  const scoped = (q: Knex.QueryBuilder, ability: AppAbility, table: 'tasks' | 'cases', f: F) => {
    const ok = applyScope(q, knex, ability, 'read', table === 'tasks' ? 'Task' : 'Case', table);
    q.where(`${table}.org_l${depthOfPath(f.orgPath)}`, f.orgPath);
    if (f.definitionId) q.where(`${table}.definition_id`, f.definitionId);
    return ok;
  };
  const taskCounts = (now: number) => [
    knex.raw('count(*) as n_open'),
    knex.raw('sum(case when warn_at <= ? and due_at > ? then 1 else 0 end) as n_risk', [now, now]),
    knex.raw('sum(case when due_at <= ? then 1 else 0 end) as n_over', [now]),
  ];
  const num = (v: unknown) => Number(v ?? 0);
  const weekOf = dialect === 'mysql' ? '(?? - ?) DIV ?' : 'CAST((?? - ?) / ? AS INTEGER)';

  return {
    async summary(ability: AppAbility, f: F, now: number) {
      const t = knex('tasks').whereIn('status', open).select(taskCounts(now));
      const c = knex('cases').where('status', 'active').count({ n: '*' });
      const month = monthStart(now);
      const closed = knex('cases').where('status', 'done').where('updated_at', '>=', month).count({ n: '*' });
      const done = knex('tasks').where('status', 'done').where('completed_at', '>=', month).where('due_at', '<', NO_DUE)
        .select(knex.raw('count(*) as n_done'), knex.raw('sum(case when completed_at <= due_at then 1 else 0 end) as n_ontime'));
      const okT = scoped(t, ability, 'tasks', f); const okC = scoped(c, ability, 'cases', f); scoped(closed, ability, 'cases', f); scoped(done, ability, 'tasks', f);
      const [tr, cr, clr, dr] = await Promise.all([okT ? t : [{}], okC ? c : [{}], okC ? closed : [{}], okT ? done : [{}]]) as Array<Array<Record<string, unknown>>>;
      const openCases = num(cr![0]?.n); const closedThisMonth = num(clr![0]?.n); const doneN = num(dr![0]?.n_done);
      return { orgPath: f.orgPath, open: num(tr![0]?.n_open), openCases, atRisk: num(tr![0]?.n_risk), overdue: num(tr![0]?.n_over), closedThisMonth,
        completionRate: closedThisMonth + openCases ? closedThisMonth / (closedThisMonth + openCases) : null, onTimeRate: doneN ? num(dr![0]?.n_ontime) / doneN : null };
    },

    async byOrg(ability: AppAbility, f: F, now: number) {
      const depth = depthOfPath(f.orgPath);
      if (depth >= 4) return { orgPath: f.orgPath, items: [] };
      const col = `org_l${depth + 1}`;
      const t = knex('tasks').whereIn('status', open).whereNotNull(col).select({ org: col }, ...taskCounts(now)).groupBy(col);
      const c = knex('cases').where('status', 'active').whereNotNull(col).select({ org: col }).count({ n: '*' }).groupBy(col);
      const okT = scoped(t, ability, 'tasks', f); const okC = scoped(c, ability, 'cases', f);
      const [tr, cr, orgs] = await Promise.all([okT ? t : [], okC ? c : [], knex('org_units').where('parent_path', f.orgPath).orderBy('path').select('path', 'name')]) as [Array<Record<string, unknown>>, Array<Record<string, unknown>>, Array<{ path: string; name: string }>];
      const tasks = new Map(tr.map((r) => [String(r.org), r])); const cases = new Map(cr.map((r) => [String(r.org), num(r.n)]));
      return { orgPath: f.orgPath, items: orgs.map((o) => ({ orgPath: o.path, name: o.name, open: num(tasks.get(o.path)?.n_open), openCases: cases.get(o.path) ?? 0,
        atRisk: num(tasks.get(o.path)?.n_risk), overdue: num(tasks.get(o.path)?.n_over) })) };
    },

    async byItem(ability: AppAbility, f: F, now: number) {
      const t = knex('tasks').whereIn('status', open).select({ def: 'definition_id' }, ...taskCounts(now)).groupBy('definition_id');
      const c = knex('cases').where('status', 'active').select({ def: 'definition_id' }).count({ n: '*' }).groupBy('definition_id');
      const okT = scoped(t, ability, 'tasks', f); const okC = scoped(c, ability, 'cases', f);
      const [tr, cr, defs] = await Promise.all([okT ? t : [], okC ? c : [], knex('definitions').where('status', 'published').select('id', 'title_zh')]) as [Array<Record<string, unknown>>, Array<Record<string, unknown>>, Array<{ id: string; title_zh: string }>];
      const titles = new Map(defs.map((d) => [d.id, d.title_zh])); const cases = new Map(cr.map((r) => [String(r.def), num(r.n)]));
      const ids = [...new Set([...tr.map((r) => String(r.def)), ...cases.keys()])].sort();
      const tasks = new Map(tr.map((r) => [String(r.def), r]));
      return { orgPath: f.orgPath, items: ids.map((id) => ({ definitionId: id, title: { 'zh-CN': titles.get(id) ?? id, en: id }, open: num(tasks.get(id)?.n_open), openCases: cases.get(id) ?? 0,
        atRisk: num(tasks.get(id)?.n_risk), overdue: num(tasks.get(id)?.n_over) })) };
    },

    async trend(ability: AppAbility, f: F, weeks: number, now: number) {
      const from = weekStart(now) - (weeks - 1) * WEEK;
      const done = knex('tasks').where('status', 'done').where('completed_at', '>=', from).where('due_at', '<', NO_DUE)
        .select(knex.raw(`${weekOf} as wk`, ['completed_at', from, WEEK]), knex.raw('count(*) as n_done'), knex.raw('sum(case when completed_at <= due_at then 1 else 0 end) as n_ontime')).groupBy('wk');
      const opened = knex('cases').where('created_at', '>=', from).select(knex.raw(`${weekOf} as wk`, ['created_at', from, WEEK]), knex.raw('count(*) as n')).groupBy('wk');
      const okT = scoped(done, ability, 'tasks', f); const okC = scoped(opened, ability, 'cases', f);
      const [dr, or] = await Promise.all([okT ? done : [], okC ? opened : []]) as Array<Array<Record<string, unknown>>>;
      const d = new Map(dr!.map((r) => [num(r.wk), r])); const o = new Map(or!.map((r) => [num(r.wk), num(r.n)]));
      return { orgPath: f.orgPath, items: Array.from({ length: weeks }, (_, i) => {
        const n = num(d.get(i)?.n_done); const onTime = num(d.get(i)?.n_ontime);
        return { weekStart: from + i * WEEK, done: n, onTime, opened: o.get(i) ?? 0, onTimeRate: n ? onTime / n : null };
      }) };
    },
  };
}

/** The oversight query service type. */
export type OversightQueries = ReturnType<typeof createOversightQueries>;
