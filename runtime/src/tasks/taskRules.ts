/**
 * Who a task operation may name and who may urge (issue 7.3), checked by the server on the org tree:
 *  - 转办 / 委派 / 加签 (and 抄送) targets are enabled staff users holding a role the step works with
 *    (its assignee rule and decision roles; for 抄送 any staff role), at an org unit from which the
 *    case is in their scope or inside the case's subtree — a resident, or a user of another
 *    township, cannot become a handler;
 *  - 催办 comes from the case's initiator, a supervisor of the task up the org tree (a staff role held
 *    strictly above the task's org unit), or a role the step names, counted per user and task.
 */
import type { Definition, StateSpec, TaskSpec } from '@tongban/engine';
import { isStaffRole } from '../authz/defineAbilities.ts';
import { isUnder } from '../identity/orgPath.ts';
import type { KnexIdentityStore, UserRecord } from '../identity/KnexIdentityStore.ts';
import { RefusedError } from '../errors/DomainError.ts';

/** The human step of a state (state ids are unique across the definition, nested ones included). */
export function stepSpecOf(definition: Definition, stateId: string): TaskSpec | undefined {
  const walk = (states: Record<string, StateSpec> | undefined): TaskSpec | undefined => {
    for (const [id, st] of Object.entries(states ?? {})) {
      if (id === stateId) return st.task;
      const inner = walk(st.states);
      if (inner) return inner;
    }
    return undefined;
  };
  return walk(definition.states);
}

/** Roles a step works with: its assignee rule(s) and the roles its decisions name. */
export function stepRoles(spec: TaskSpec | undefined): string[] {
  if (!spec) return [];
  const rules = (Array.isArray(spec.assignee) ? spec.assignee : [spec.assignee]) as Array<Record<string, unknown>>;
  const roles = new Set<string>();
  for (const r of rules) {
    if (typeof r?.role === 'string') roles.add(r.role);
    const chain = r?.chain as { role?: unknown } | undefined;
    if (typeof chain?.role === 'string') roles.add(chain.role);
  }
  for (const d of Object.values(spec.decisions ?? {})) for (const role of d.roles ?? []) roles.add(role);
  return [...roles];
}

/** The task row fields the rules read. */
export interface TaskRow { id: string; case_id: string; state: string; org_path: string; group_org?: string | null }

/** True when a staff assignment at `orgPath` relates to the case: the case is in its scope, or it lies inside the case's subtree. */
const relatesTo = (orgPath: string, caseOrg: string) => isUnder(caseOrg, orgPath) || isUnder(orgPath, caseOrg);

/** Refuses (422 task.target-not-allowed, naming the user) any target a step operation may not name. */
export async function checkTargets(identity: KnexIdentityStore, task: TaskRow, spec: TaskSpec | undefined, users: string[], action: string): Promise<void> {
  const allowed = action === 'copy' ? [] : stepRoles(spec);
  for (const id of users) {
    const target = await identity.getUser(id);
    if (!target || target.disabled) throw new RefusedError('task.target-not-allowed', { user: id, action, reason: 'unknown-user' });
    const fits = target.roles.some((r) => isStaffRole(r.role) && (!allowed.length || allowed.includes(r.role)) && relatesTo(r.orgPath, task.org_path));
    if (!fits) throw new RefusedError('task.target-not-allowed', { user: id, action, reason: allowed.length ? 'role-or-scope' : 'scope', roles: allowed });
  }
}

/** True when `user` may urge the task: its case's initiator, a supervisor up the tree, or a role the step names (held where the case is in scope). */
export function mayUrge(user: UserRecord, task: TaskRow, initiator: string | null, spec: TaskSpec | undefined): boolean {
  if (initiator && initiator === user.id) return true;
  const taskOrg = task.group_org ?? task.org_path;
  const named = stepRoles(spec);
  return user.roles.some((r) => isStaffRole(r.role) && (
    (r.orgPath !== taskOrg && isUnder(taskOrg, r.orgPath)) || (named.includes(r.role) && isUnder(task.org_path, r.orgPath))));
}
