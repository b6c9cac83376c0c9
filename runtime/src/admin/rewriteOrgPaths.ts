/**
 * When org units move or merge, every row that names them by path follows in the same transaction:
 * the people (home org, role assignments), cases and tasks (path, per-level columns, task groups,
 * the case snapshot the engine reads), break-glass reviews and intake drafts. The audit log is
 * history and keeps the paths it was written with.
 *
 * `pathTables` is the list of simple `org_path` columns: a new table that stores an org path adds
 * one line here (the resident and device registries do).
 */
import type { Knex } from 'knex';
import { orgLevelsOf } from '../identity/orgPath.ts';

/** A table whose rows name an org unit by path; `levels`: it also has org_l1…org_l4. */
export interface PathTable { table: string; column: string; levels?: true }

/** Tables holding an org path (besides cases' snapshots and role-assignment uniqueness, handled below). */
export const pathTables: PathTable[] = [
  { table: 'users', column: 'org_path' },
  { table: 'cases', column: 'org_path', levels: true },
  { table: 'tasks', column: 'org_path', levels: true },
  { table: 'tasks', column: 'group_org' },
  { table: 'break_glass', column: 'org_path', levels: true },
  { table: 'intake_drafts', column: 'org_path' },
];

/** What a rewrite changed, for the audit entry. */
export interface RewriteCounts { users: number; roleAssignments: number; cases: number; tasks: number; snapshots: number }

/** Replaces every exact, quoted occurrence of an old path in a JSON text. */
export function replacePathsInJson(json: string, mapping: Map<string, string>): string {
  let out = json;
  for (const [from, to] of mapping) out = out.split(JSON.stringify(from)).join(JSON.stringify(to));
  return out;
}

/**
 * Rewrites rows from old to new paths (exact paths; list every unit of a moved subtree). `root` is
 * the old path every key lies under, used to find snapshots with one indexed-free scan. Case rows
 * whose snapshot changed get a new version, so a command that read the old snapshot meanwhile
 * fails its version check instead of writing it back.
 */
export async function rewriteOrgPaths(trx: Knex.Transaction, mapping: Map<string, string>, root: string, now: number): Promise<RewriteCounts> {
  const counts: RewriteCounts = { users: 0, roleAssignments: 0, cases: 0, tasks: 0, snapshots: 0 };
  for (const [from, to] of mapping) {
    for (const t of pathTables) {
      const levels = t.levels && t.column === 'org_path' ? orgLevelsOf(to) : {};
      const n = Number(await trx(t.table).where(t.column, from).update({ [t.column]: to, ...levels }));
      if (t.table === 'users') counts.users += n;
      if (t.table === 'cases') counts.cases += n;
      if (t.table === 'tasks' && t.column === 'org_path') counts.tasks += n;
    }
    counts.roleAssignments += await moveAssignments(trx, from, to);
  }
  const rows = (await trx('cases').where('snapshot', 'like', `%${JSON.stringify(root).slice(0, -1)}%`).select('id', 'snapshot')) as Array<{ id: string; snapshot: string }>;
  for (const r of rows) {
    const next = replacePathsInJson(r.snapshot, mapping);
    if (next === r.snapshot) continue;
    await trx('cases').where({ id: r.id }).update({ snapshot: next, version: trx.raw('version + 1'), updated_at: now });
    counts.snapshots += 1;
  }
  return counts;
}

/** Role assignments from one path to another; one the user already holds at the target is dropped (merge). */
async function moveAssignments(trx: Knex.Transaction, from: string, to: string): Promise<number> {
  const there = (await trx('role_assignments').where({ org_path: to }).select('user_id', 'role')) as Array<{ user_id: string; role: string }>;
  const held = new Set(there.map((r) => `${r.user_id}|${r.role}`));
  const here = (await trx('role_assignments').where({ org_path: from }).select('id', 'user_id', 'role')) as Array<{ id: number; user_id: string; role: string }>;
  const dup = here.filter((r) => held.has(`${r.user_id}|${r.role}`)).map((r) => r.id);
  if (dup.length) await trx('role_assignments').whereIn('id', dup).delete();
  return Number(await trx('role_assignments').where({ org_path: from }).update({ org_path: to })) + dup.length;
}
