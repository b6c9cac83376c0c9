/**
 * Turns a user's CASL rules for an action on a subject into a knex WHERE clause. Only the
 * condition shapes `defineAbilities` produces are accepted; anything else fails closed.
 */
import type { Knex } from 'knex';
import { rulesToQuery } from '@casl/ability/extra';
import type { Action, AppAbility, Subject } from './defineAbilities.ts';

type Cond = Record<string, unknown>;

/** Adds one rule's condition (AND of its fields) to a where-builder. */
export function applyCondition(w: Knex.QueryBuilder, table: string, cond: Cond, knex: Knex): void {
  for (const [field, value] of Object.entries(cond)) {
    if (typeof value !== 'string') throw new Error(`unsupported scope condition on ${field}`);
    const level = /^orgL([1-4])$/.exec(field);
    if (level) w.where(`${table}.org_l${level[1]}`, value);
    else if (field === 'assignee') w.where(`${table}.assignee`, value);
    else if (field === 'group') {
      const at = value.indexOf('@');
      w.where(`${table}.group_role`, value.slice(0, at)).where(`${table}.group_org`, value.slice(at + 1));
    } else if (field === 'holder') {
      w.whereExists(openTaskHeldBy(knex, table, value));
    } else if (field === 'candidate') {
      w.whereIn(`${table}.id`, knex('task_candidates').select('task_id').where('user_id', value));
    } else if (field === 'initiator') {
      w.where(`${table}.created_by`, value);
    } else if (field === 'public') {
      // 公示/公告: a case in a public state, readable by the residents of its community
      w.where(`${table}.public_l3`, value);
    } else if (field === 'party') {
      // took part: held a task of the case at any time (assignee), open or done
      w.whereIn(`${table}.id`, knex('tasks as pt').select('pt.case_id').where('pt.assignee', value));
    } else throw new Error(`unsupported scope field ${field}`);
  }
}

/** Task states in which a task is still open (its holders may read the case). */
export const openTaskStatuses = ['pending', 'waiting', 'delegated'];

/**
 * An open task of the case (`table`.id) that `userId` holds: as assignee, as a named candidate
 * (`task_candidates`), or through a candidate group (role@org) they hold. Correlated on the case id,
 * so it is an index probe.
 */
function openTaskHeldBy(knex: Knex, table: string, userId: string): Knex.QueryBuilder {
  const groups = knex('role_assignments as ra').select(knex.raw('1')).where('ra.user_id', userId)
    .whereRaw('ra.role = pt.group_role').whereRaw('ra.org_path = pt.group_org');
  const named = knex('task_candidates as tc').select(knex.raw('1')).whereRaw('tc.task_id = pt.id').where('tc.user_id', userId);
  return knex('tasks as pt').select(knex.raw('1')).whereRaw(`pt.case_id = ${table}.id`).whereIn('pt.status', openTaskStatuses)
    .where((h) => h.where('pt.assignee', userId).orWhereExists(named).orWhereExists(groups));
}

/**
 * Restricts `query` (over `table`) to rows the ability allows; returns false when no row can be
 * allowed, so callers answer an empty page without a query.
 */
export function applyScope(query: Knex.QueryBuilder, knex: Knex, ability: AppAbility, action: Action, subject: Subject, table: string): boolean {
  const ors = scopeBranches(ability, action, subject);
  if (ors === 'none') return false;
  if (ors === 'all') return true;
  query.where((outer) => {
    for (const cond of ors) outer.orWhere((w) => applyCondition(w, table, cond, knex));
  });
  return true;
}

/**
 * The OR-branches of a user's scope: 'all' (unconditional), 'none', or one condition per rule.
 * Queue pages query each branch on its own index and merge (a UNION), instead of one OR.
 */
export function scopeBranches(ability: AppAbility, action: Action, subject: Subject): Cond[] | 'all' | 'none' {
  const q = rulesToQuery(ability, action, subject, (rule) => {
    if (rule.inverted) throw new Error('inverted rules are not used');
    return (rule.conditions ?? {}) as Cond;
  });
  if (q === null) return 'none';
  const ors = q.$or ?? [];
  if (!ors.length || ors.some((c) => Object.keys(c).length === 0)) return 'all';
  const seen = new Set<string>();
  return ors.filter((c) => !seen.has(JSON.stringify(c)) && seen.add(JSON.stringify(c)));
}
