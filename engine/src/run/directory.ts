/**
 * The org tree and who holds which role where, as pure data the engine resolves assignees with.
 * Org units are materialized paths: `/county/township/community/grid`, e.g.
 * `/510722/510722100/510722100001/510722100001001` (统计用区划代码 segments); the level is the depth.
 */
import type { OrgLevel } from '../definition/types.ts';

export interface DirectoryData {
  orgs: Array<{ path: string; name: string }>;
  users: Array<{ id: string; name: string; roles: Array<{ role: string; orgPath: string }>; disabled?: boolean }>;
}

export interface Directory {
  /** users holding `role` at exactly `orgPath`, sorted by id (deterministic) */
  usersWithRole(role: string, orgPath: string): string[];
  /** the org path a user belongs to for a role (first assignment), or undefined */
  userOrg(userId: string, role?: string): string | undefined;
  userName(userId: string): string | undefined;
  orgName(path: string): string | undefined;
  hasUser(userId: string): boolean;
  /** every role assignment of an active user (none for an unknown or disabled one) */
  rolesOf(userId: string): Array<{ role: string; orgPath: string }>;
}

const levelDepth: Record<OrgLevel, number> = { county: 1, township: 2, community: 3, grid: 4 };

/** Depth of a level in the tree (county 1 … grid 4). */
export function depthOf(level: OrgLevel): number {
  return levelDepth[level];
}

/** The ancestor (or self) of `path` at `level`, or undefined when the path is shallower. */
export function orgAt(path: string, level: OrgLevel): string | undefined {
  const parts = path.split('/').filter(Boolean);
  const depth = levelDepth[level];
  if (parts.length < depth) return undefined;
  return '/' + parts.slice(0, depth).join('/');
}

/** The level of an org path by its depth. */
export function levelOf(path: string): OrgLevel | undefined {
  const depth = path.split('/').filter(Boolean).length;
  return (Object.keys(levelDepth) as OrgLevel[]).find((l) => levelDepth[l] === depth);
}

/** True when `path` is `base` or inside its subtree. */
export function isUnder(path: string, base: string): boolean {
  return path === base || path.startsWith(base.endsWith('/') ? base : base + '/');
}

/** `path` moved up `levels` steps (never above the county). */
export function orgUp(path: string, levels: number): string {
  const parts = path.split('/').filter(Boolean);
  return '/' + parts.slice(0, Math.max(1, parts.length - levels)).join('/');
}

/** Builds a Directory over plain data (indexes once). */
export function createDirectory(data: DirectoryData): Directory {
  const byRoleOrg = new Map<string, string[]>();
  const users = new Map(data.users.map((u) => [u.id, u]));
  for (const u of data.users) {
    if (u.disabled) continue;
    for (const r of u.roles) {
      const key = r.role + '@' + r.orgPath;
      const list = byRoleOrg.get(key) ?? [];
      list.push(u.id);
      byRoleOrg.set(key, list);
    }
  }
  for (const list of byRoleOrg.values()) list.sort();
  const orgs = new Map(data.orgs.map((o) => [o.path, o.name]));
  return {
    usersWithRole: (role, orgPath) => byRoleOrg.get(role + '@' + orgPath) ?? [],
    userOrg: (userId, role) => users.get(userId)?.roles.find((r) => !role || r.role === role)?.orgPath,
    userName: (userId) => users.get(userId)?.name,
    orgName: (path) => orgs.get(path),
    hasUser: (userId) => users.has(userId) && !users.get(userId)?.disabled,
    rolesOf: (userId) => (users.get(userId)?.disabled ? [] : users.get(userId)?.roles ?? []),
  };
}
