/**
 * CASL abilities from role assignments. Scope conditions use only equality on the org path at
 * one level (orgL1…orgL4), on the assignee, a named candidate, a candidate group, the initiator,
 * a party, a holder or a public notice's community, so `scopeToSql` can turn every rule into an indexed SQL predicate: lists are
 * filtered by the database, never in memory.
 *
 * Staff roles see their org subtree. Residents, volunteers and service providers are not staff
 * (PIPL's minimum necessary, shared/domain/README.md "Data scope"): an assignment of theirs grants
 * no org scope, only the cases they started, are a party to (held a task in) or hold a task in now;
 * they may not list staff users.
 */
import { AbilityBuilder, createMongoAbility, type MongoAbility } from '@casl/ability';
import { depthOfPath } from '../identity/orgPath.ts';
import type { UserRecord } from '../identity/KnexIdentityStore.ts';

/** Subjects the API guards. */
export type Subject = 'Case' | 'Task' | 'Audit' | 'BreakGlass' | 'Definition' | 'User' | 'OrgUnit' | 'Resident' | 'Device' | 'Consent' | 'all';
/** Actions the API guards. */
export type Action = 'read' | 'create' | 'manage' | 'publish' | 'review';
/** A user's abilities. */
export type AppAbility = MongoAbility<[Action, Subject | Record<string, unknown>]>;

/** Roles that are not staff: no org scope from their assignments. */
export const nonStaffRoles: readonly string[] = ['resident', 'volunteer', 'provider'];

/** True for a staff role (one whose assignment grants the org subtree). */
export const isStaffRole = (role: string): boolean => !nonStaffRoles.includes(role);

/** Roles that may read the audit log of their scope. */
export const auditRoles = ['county-admin', 'county-dispatcher', 'township-reviewer'];
/** Staff roles that record, read and withdraw residents' separate consents (personal-data.md §4) in their scope. */
export const consentRoles = ['county-admin', 'township-reviewer', 'community-secretary', 'community-officer', 'call-operator', 'referral-officer'];
/** Roles that may edit and publish definitions and manage users. */
export const adminRoles = ['county-admin'];
/** Staff roles that serve residents and so read the resident and device registries of their scope (issue 9). */
export const registryRoles = ['grid-worker', 'grid-leader', 'grid-advisor', 'community-secretary', 'community-officer', 'township-reviewer', 'county-dispatcher', 'county-admin', 'call-operator'];
/** Supervisor roles that review break-glass reveals afterwards (personal-data.md §3), when held at county or township level. */
export const breakGlassReviewRoles = ['county-admin', 'county-dispatcher', 'township-reviewer'];

/** The community (level 3) of an org path; the path itself above that level. */
function communityOf(orgPath: string): string {
  const parts = orgPath.split('/').filter(Boolean);
  return '/' + parts.slice(0, Math.min(3, parts.length)).join('/');
}

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
    can('create', 'Case', scope);
    can('read', 'OrgUnit', scope);
    // Cross-scope access only through assignment: tasks offered to the user's role group.
    can('read', 'Task', { group: `${a.role}@${a.orgPath}` });
    // 公示/公告 reach the residents of the community, not only the parties (cases/publicScope.ts)
    if (!isStaffRole(a.role)) can('read', 'Case', { public: communityOf(a.orgPath) });
    if (!isStaffRole(a.role)) continue;
    can('read', 'Case', scope);
    can('read', 'Task', scope);
    can('read', 'User', scope);
    if (auditRoles.includes(a.role)) can('read', 'Audit', scope);
    if (consentRoles.includes(a.role)) { can('read', 'Consent', scope); can('manage', 'Consent', scope); }
    if (breakGlassReviewRoles.includes(a.role) && depthOfPath(a.orgPath) <= 2) can('review', 'BreakGlass', scope);
    if (registryRoles.includes(a.role)) {
      can('read', 'Resident', scope);
      can('read', 'Device', scope);
    }
    if (adminRoles.includes(a.role)) {
      can('manage', 'Resident', scope);
      can('manage', 'Device', scope);
      can('manage', 'Definition');
      can('publish', 'Definition');
      can('manage', 'User', scope);
    }
  }
  // Escalations: the holder (assignee or candidate) of an open task may read its case even outside
  // their org scope, and only while that task is open.
  can('read', 'Case', { holder: user.id });
  can('read', 'Task', { assignee: user.id });
  can('read', 'Task', { candidate: user.id });
  // Everyone sees the cases they started; non-staff also those they took part in (held a task in).
  can('read', 'Case', { initiator: user.id });
  if (user.roles.some((a) => !isStaffRole(a.role))) can('read', 'Case', { party: user.id });
  return build();
}
