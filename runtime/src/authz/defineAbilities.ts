/**
 * CASL abilities from role assignments. Scope conditions use only equality on the org path at
 * one level (orgL1…orgL4), on the assignee, or on a candidate group, so `scopeToSql` can turn
 * every rule into an indexed SQL predicate: lists are filtered by the database, never in memory.
 */
import { AbilityBuilder, createMongoAbility, type MongoAbility } from '@casl/ability';
import { depthOfPath } from '../identity/orgPath.ts';
import type { UserRecord } from '../identity/KnexIdentityStore.ts';

/** Subjects the API guards. */
export type Subject = 'Case' | 'Task' | 'Audit' | 'BreakGlass' | 'Definition' | 'User' | 'OrgUnit' | 'all';
/** Actions the API guards. */
export type Action = 'read' | 'create' | 'manage' | 'publish' | 'review';
/** A user's abilities. */
export type AppAbility = MongoAbility<[Action, Subject | Record<string, unknown>]>;

/** Roles that may read the audit log of their scope. */
export const auditRoles = ['county-admin', 'county-dispatcher', 'township-reviewer'];
/** Roles that may edit and publish definitions and manage users. */
export const adminRoles = ['county-admin'];
/** Supervisor roles that review break-glass reveals afterwards (personal-data.md §3), when held at county or township level. */
export const breakGlassReviewRoles = ['county-admin', 'county-dispatcher', 'township-reviewer'];

/** The scope condition for an assignment: equality on the org path at its level. */
export function scopeCondition(orgPath: string): Record<string, string> {
  return { [`orgL${depthOfPath(orgPath)}`]: orgPath };
}

/** Builds the abilities of a user from their role assignments. */
export function defineAbilities(user: UserRecord): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  can('read', 'Definition');
  for (const a of user.roles) {
    const scope = scopeCondition(a.orgPath);
    can('read', 'Case', scope);
    can('create', 'Case', scope);
    can('read', 'Task', scope);
    can('read', 'OrgUnit', scope);
    can('read', 'User', scope);
    if (auditRoles.includes(a.role)) can('read', 'Audit', scope);
    if (breakGlassReviewRoles.includes(a.role) && depthOfPath(a.orgPath) <= 2) can('review', 'BreakGlass', scope);
    if (adminRoles.includes(a.role)) {
      can('manage', 'Definition');
      can('publish', 'Definition');
      can('manage', 'User', scope);
    }
    // Cross-scope access only through assignment: tasks offered to the user's role group.
    can('read', 'Task', { group: `${a.role}@${a.orgPath}` });
  }
  // Escalations: the holder (assignee or candidate) of an open task may read its case even outside
  // their org scope, and only while that task is open.
  can('read', 'Case', { holder: user.id });
  can('read', 'Task', { assignee: user.id });
  return build();
}
