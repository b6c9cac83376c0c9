/**
 * Who may administer what (issue 9.2): an admin manages the units and users of the subtrees where
 * they hold an admin role, and may grant a role only up to their own rank, only inside that subtree.
 *
 * The rank order follows the roles of shared/domain/README.md: the county's administration and
 * dispatch above the township's review, above the community's officers, above the grid, above
 * people who are not staff. A role held lower in the tree ranks no higher than that level's top
 * role (`levelCaps`): a county-admin assignment at a township makes a township admin, who may grant
 * township reviewers and everything below, but not county dispatchers or other admins.
 */
import { depthOfPath } from '../identity/orgPath.ts';
import type { RoleAssignment, UserRecord } from '../identity/KnexIdentityStore.ts';
import { isUnder } from '../identity/orgPath.ts';
import { adminRoles } from '../authz/defineAbilities.ts';

/** Every role id the product knows, highest first, with its rank (higher may grant lower). */
export const roleRanks: Readonly<Record<string, number>> = {
  'county-admin': 100,
  'county-dispatcher': 90,
  'referral-coordinator': 85,
  maintainer: 85,
  'call-operator': 80,
  'township-reviewer': 70,
  'grid-advisor': 65,
  'community-secretary': 60,
  'community-officer': 55,
  'responsible-unit': 50,
  'referral-officer': 50,
  mediator: 50,
  'supervisory-committee': 45,
  'volunteer-organiser': 45,
  'grid-leader': 40,
  'grid-worker': 30,
  provider: 10,
  volunteer: 10,
  resident: 0,
};

/** The highest rank a role held at each depth (1 county … 4 grid) counts for. */
export const levelCaps: Readonly<Record<number, number>> = { 1: 100, 2: 70, 3: 60, 4: 40 };

/** True for a role id the product knows. */
export const isKnownRole = (role: string): boolean => Object.hasOwn(roleRanks, role);

/** The org paths where `actor` holds an admin role (their administered subtrees). */
export function adminScopes(actor: Pick<UserRecord, 'roles'>): string[] {
  return [...new Set(actor.roles.filter((r) => adminRoles.includes(r.role)).map((r) => r.orgPath))];
}

/** True when `actor` administers the subtree holding `path`. */
export function administers(actor: Pick<UserRecord, 'roles'>, path: string): boolean {
  return adminScopes(actor).some((scope) => isUnder(path, scope));
}

/** True when `actor` may grant `grant`: inside a subtree they administer, at most their own highest rank there. */
export function mayGrant(actor: Pick<UserRecord, 'roles'>, grant: RoleAssignment): boolean {
  const own = actor.roles.filter((r) => isUnder(grant.orgPath, r.orgPath)).map((r) => Math.min(roleRanks[r.role] ?? -1, levelCaps[depthOfPath(r.orgPath)] ?? 0));
  return administers(actor, grant.orgPath) && isKnownRole(grant.role) && roleRanks[grant.role]! <= Math.max(-1, ...own);
}
