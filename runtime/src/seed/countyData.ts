/**
 * The seed format for a county: org units by 区划代码, users with roles at org units, and a
 * default password for demo logins. `readCountyData` accepts org paths or codes in role entries.
 */
import { NotFoundError } from '../errors/DomainError.ts';
import { orgPathOf } from '../identity/orgPath.ts';

/** A county as seed data. */
export interface CountyData {
  orgs: Array<{ code?: string; path?: string; name: string; level?: string }>;
  defaultPassword?: string;
  users: Array<{ id: string; username?: string; name: string; password?: string; disabled?: boolean;
    roles: Array<{ role: string; org?: string; orgPath?: string }> }>;
}

/** Normalised seed data: org paths everywhere. */
export interface NormalisedCounty {
  orgs: Array<{ path: string; name: string; level?: string }>;
  users: Array<{ id: string; username: string; name: string; password: string; disabled: boolean; orgPath: string; roles: Array<{ role: string; orgPath: string }> }>;
}

function pathOf(ref: { code?: string; path?: string; org?: string; orgPath?: string }): string {
  const path = ref.path ?? ref.orgPath ?? orgPathOf(ref.code ?? ref.org ?? '');
  if (!path) throw new NotFoundError('org.not-found', { ref });
  return path;
}

/** Checks and normalises county seed data; every role must point at a listed org unit. */
export function normaliseCounty(data: CountyData): NormalisedCounty {
  const orgs = data.orgs.map((o) => ({ path: pathOf(o), name: o.name, level: o.level }));
  const known = new Set(orgs.map((o) => o.path));
  const users = data.users.map((u) => {
    const roles = u.roles.map((r) => ({ role: r.role, orgPath: pathOf(r) }));
    for (const r of roles) if (!known.has(r.orgPath)) throw new NotFoundError('org.not-found', { user: u.id, orgPath: r.orgPath });
    return {
      id: u.id, username: u.username ?? u.id, name: u.name, disabled: !!u.disabled,
      password: u.password ?? data.defaultPassword ?? 'Tongban@2025', orgPath: roles[0]?.orgPath ?? orgs[0]!.path, roles,
    };
  });
  return { orgs, users };
}
