/**
 * User administration (issue 9.2) as service functions over the caller's transaction: create,
 * edit, move to another unit, set roles (with validity periods), disable / re-enable, reset a
 * password. Each checks the admin's scope (users whose home org lies in a subtree the admin
 * administers; others are `user.not-found`), the rank of every role granted or taken away
 * (./adminScope.ts), the record's version, and appends its audit entry. Changes that must end the
 * user's sessions bump the token epoch here; the caller drops the principal cache after commit.
 */
import { randomBytes } from 'node:crypto';
import { ConflictError, ForbiddenError, NotFoundError, RefusedError } from '../errors/DomainError.ts';
import type { RoleAssignment } from '../identity/KnexIdentityStore.ts';
import { hashPassword } from '../identity/passwords.ts';
import { administers, isKnownRole, mayGrant } from './adminScope.ts';
import { auditAdmin, type AdminTx } from './adminTx.ts';

/** A role held at an org unit, with an optional validity period (epoch ms). */
export interface RoleGrant extends RoleAssignment { validFrom?: number | null; validUntil?: number | null }

/** A user as administration sees it (never credentials). */
export interface AdminUser {
  id: string; username: string; name: string; orgPath: string; disabled: boolean; mustChangePassword: boolean; version: number;
  roles: Array<RoleGrant & { active: boolean }>;
}

interface UserRow { id: string; username: string; name: string; org_path: string; disabled: number | boolean; must_change_password: number | boolean; version: number | string }
interface GrantRow { role: string; org_path: string; valid_from: number | string | null; valid_until: number | string | null }

const num = (v: number | string | null) => (v === null ? null : Number(v));

/** True when a grant counts at `now` (inside its validity period). */
export function grantActive(g: { validFrom?: number | null; validUntil?: number | null }, now: number): boolean {
  return (g.validFrom == null || g.validFrom <= now) && (g.validUntil == null || now < g.validUntil);
}

async function read(tx: AdminTx, row: UserRow): Promise<AdminUser> {
  const grants = (await tx.trx('role_assignments').where({ user_id: row.id }).orderBy('id')) as GrantRow[];
  return {
    id: row.id, username: row.username, name: row.name, orgPath: row.org_path, disabled: !!row.disabled, mustChangePassword: !!row.must_change_password, version: Number(row.version),
    roles: grants.map((g) => {
      const grant = { role: g.role, orgPath: g.org_path, validFrom: num(g.valid_from), validUntil: num(g.valid_until) };
      return { ...grant, active: grantActive(grant, tx.now) };
    }),
  };
}

/** A user in the admin's scope, or `user.not-found`. */
export async function loadUser(tx: AdminTx, id: string): Promise<AdminUser> {
  const row = (await tx.trx('users').where({ id }).first()) as UserRow | undefined;
  if (!row || !administers(tx.actor, row.org_path)) throw new NotFoundError('user.not-found', { id });
  return read(tx, row);
}

function field(ok: boolean, path: string, reason: string): void {
  if (!ok) throw new RefusedError('user.field-invalid', { path, reason });
}

function checkName(name: string, path = '/name'): string {
  const n = name.normalize('NFKC').trim();
  field(n.length >= 1 && n.length <= 100, path, '1–100 characters');
  return n;
}

function checkPassword(password: string): void {
  if (password.length < 8 || !/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) throw new RefusedError('auth.weak-password', { path: '/password' });
}

/** The home org: a live unit in the admin's scope. */
async function checkHome(tx: AdminTx, orgPath: string, path = '/orgPath'): Promise<void> {
  const org = (await tx.trx('org_units').where({ path: orgPath }).first('path', 'retired_at')) as { path: string; retired_at: unknown } | undefined;
  if (!org || org.retired_at !== null) throw new RefusedError('user.org-invalid', { path, orgPath });
  if (!administers(tx.actor, orgPath)) throw new ForbiddenError('org.out-of-scope', { path, orgPath });
}

/** Checks a list of grants: known roles, live units, sane periods, within the admin's rank and scope. */
async function checkGrants(tx: AdminTx, grants: RoleGrant[], path: string): Promise<void> {
  for (const [i, g] of grants.entries()) {
    if (!isKnownRole(g.role)) throw new RefusedError('user.role-unknown', { path: `${path}/${i}/role`, role: g.role });
    if (g.validFrom != null && g.validUntil != null && g.validUntil <= g.validFrom) throw new RefusedError('user.validity-invalid', { path: `${path}/${i}/validUntil` });
    const org = (await tx.trx('org_units').where({ path: g.orgPath }).first('retired_at')) as { retired_at: unknown } | undefined;
    if (!org || org.retired_at !== null) throw new RefusedError('user.org-invalid', { path: `${path}/${i}/orgPath`, orgPath: g.orgPath });
    if (!mayGrant(tx.actor, g)) throw new ForbiddenError('user.role-above-own', { path: `${path}/${i}`, role: g.role, orgPath: g.orgPath });
  }
  const keys = grants.map((g) => `${g.role}@${g.orgPath}`);
  const dup = keys.findIndex((k, i) => keys.indexOf(k) !== i);
  if (dup >= 0) throw new RefusedError('user.field-invalid', { path: `${path}/${dup}`, reason: 'the same role at the same unit twice' });
}

const grantRows = (userId: string, grants: RoleGrant[]) => grants.map((g) => ({ user_id: userId, role: g.role, org_path: g.orgPath, valid_from: g.validFrom ?? null, valid_until: g.validUntil ?? null }));

/** Writes the user row's changes if it is still at `user.version`; bumps the version. */
async function bump(tx: AdminTx, user: AdminUser, changes: Record<string, unknown>): Promise<void> {
  const n = Number(await tx.trx('users').where({ id: user.id, version: user.version }).update({ ...changes, version: user.version + 1 }));
  if (n !== 1) {
    const cur = (await tx.trx('users').where({ id: user.id }).first('version')) as { version: number } | undefined;
    throw new ConflictError('user.version-conflict', { currentVersion: Number(cur?.version ?? user.version) });
  }
}

function checkVersion(user: AdminUser, expected: number | undefined): void {
  if (expected !== undefined && expected !== user.version) throw new ConflictError('user.version-conflict', { currentVersion: user.version, id: user.id });
}

function notSelf(tx: AdminTx, id: string): void {
  if (id === tx.actor.id) throw new RefusedError('user.self-change', { id });
}

/** Creates a user. A password set by an admin must be changed at first login (unless `mustChangePassword: false`). */
export async function createUser(tx: AdminTx, input: { id?: string; username: string; name: string; orgPath: string; password?: string; roles?: RoleGrant[]; mustChangePassword?: boolean }): Promise<AdminUser> {
  field(/^[A-Za-z0-9._@-]{3,64}$/.test(input.username), '/username', '3–64 letters, digits or . _ @ -');
  const name = checkName(input.name);
  await checkHome(tx, input.orgPath);
  const roles = input.roles ?? [];
  await checkGrants(tx, roles, '/roles');
  if (input.password !== undefined) checkPassword(input.password);
  const id = input.id ?? `u-${input.username.toLowerCase()}`;
  field(/^[A-Za-z0-9._:@-]{1,64}$/.test(id), '/id', '1–64 letters, digits or . _ : @ -');
  if (await tx.trx('users').where({ username: input.username }).first('id')) throw new ConflictError('user.username-taken', { path: '/username', username: input.username });
  if (await tx.trx('users').where({ id }).first('id')) throw new ConflictError('user.id-taken', { path: '/id', id });
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const mustChange = input.password !== undefined && input.mustChangePassword !== false;
  await tx.trx('users').insert({ id, username: input.username, name, org_path: input.orgPath, password_hash: passwordHash, disabled: false, created_at: tx.now, version: 1, must_change_password: mustChange });
  if (roles.length) await tx.trx('role_assignments').insert(grantRows(id, roles));
  await auditAdmin(tx, 'admin.user.create', input.orgPath, { userId: id, username: input.username, roles: roles.map((r) => `${r.role}@${r.orgPath}`) });
  return loadUser(tx, id);
}

/** Edits a user's name. */
export async function updateUser(tx: AdminTx, id: string, input: { name: string; expectedVersion?: number }): Promise<AdminUser> {
  const user = await loadUser(tx, id);
  checkVersion(user, input.expectedVersion);
  const name = checkName(input.name);
  await bump(tx, user, { name });
  await auditAdmin(tx, 'admin.user.update', user.orgPath, { userId: id, fields: ['name'] });
  return loadUser(tx, id);
}

/** Replaces a user's roles. Every role added or removed must be one the admin may grant. */
export async function setUserRoles(tx: AdminTx, id: string, input: { roles: RoleGrant[]; expectedVersion?: number }): Promise<AdminUser> {
  notSelf(tx, id);
  const user = await loadUser(tx, id);
  checkVersion(user, input.expectedVersion);
  const key = (g: RoleGrant) => `${g.role}@${g.orgPath}@${g.validFrom ?? ''}@${g.validUntil ?? ''}`;
  const before = new Set(user.roles.map(key));
  const after = new Set(input.roles.map(key));
  const added = input.roles.filter((g) => !before.has(key(g)));
  const removed = user.roles.filter((g) => !after.has(key(g)));
  await checkGrants(tx, input.roles, '/roles');
  for (const g of removed) if (!mayGrant(tx.actor, g)) throw new ForbiddenError('user.role-above-own', { path: '/roles', role: g.role, orgPath: g.orgPath });
  await bump(tx, user, {});
  await tx.trx('role_assignments').where({ user_id: id }).delete();
  if (input.roles.length) await tx.trx('role_assignments').insert(grantRows(id, input.roles));
  await auditAdmin(tx, 'admin.user.roles', user.orgPath, { userId: id, added: added.map(key), removed: removed.map(key) });
  return loadUser(tx, id);
}

/** Disables (every session ends at once) or re-enables a user. */
export async function setUserDisabled(tx: AdminTx, id: string, input: { disabled: boolean; expectedVersion?: number }): Promise<AdminUser> {
  notSelf(tx, id);
  const user = await loadUser(tx, id);
  checkVersion(user, input.expectedVersion);
  await bump(tx, user, { disabled: input.disabled, token_epoch: tx.trx.raw('token_epoch + 1') });
  await auditAdmin(tx, input.disabled ? 'admin.user.disable' : 'admin.user.enable', user.orgPath, { userId: id });
  return loadUser(tx, id);
}

/** Sets a new password (given, or generated and returned once); the user must change it at next login; sessions end. */
export async function resetPassword(tx: AdminTx, id: string, input: { password?: string; expectedVersion?: number }): Promise<{ user: AdminUser; temporaryPassword?: string }> {
  const user = await loadUser(tx, id);
  checkVersion(user, input.expectedVersion);
  if (input.password !== undefined) checkPassword(input.password);
  const temporary = input.password ?? `Tb${randomBytes(9).toString('base64url')}9`;
  await bump(tx, user, { password_hash: await hashPassword(temporary), must_change_password: true, token_epoch: tx.trx.raw('token_epoch + 1') });
  await auditAdmin(tx, 'admin.user.reset-password', user.orgPath, { userId: id });
  return { user: await loadUser(tx, id), ...(input.password === undefined ? { temporaryPassword: temporary } : {}) };
}

/** What happens to a moved worker's open tasks: they keep them, or they go back to their group's queue. */
export const taskRules = ['stay', 'return-to-group'] as const;
export type TaskRule = (typeof taskRules)[number];

/**
 * Moves a user to another home unit; the roles they held at the old home unit move with them
 * (a grid worker of grid A becomes a grid worker of grid B). Returns their open tasks (assigned to
 * them), which the caller releases after commit when the rule is `return-to-group`, and the old
 * unit's unclaimed group tasks still offered to them, which it releases under either rule.
 */
export async function moveUser(tx: AdminTx, id: string, input: { orgPath: string; expectedVersion?: number }): Promise<{ user: AdminUser; openTasks: Array<{ taskId: string; caseId: string }>; offeredTasks: Array<{ taskId: string; caseId: string }> }> {
  const user = await loadUser(tx, id);
  checkVersion(user, input.expectedVersion);
  if (input.orgPath === user.orgPath) throw new RefusedError('user.field-invalid', { path: '/orgPath', reason: 'already there' });
  await checkHome(tx, input.orgPath);
  const moving = user.roles.filter((g) => g.orgPath === user.orgPath).map((g) => ({ ...g, orgPath: input.orgPath }));
  await checkGrants(tx, moving, '/roles');
  await bump(tx, user, { org_path: input.orgPath });
  await tx.trx('role_assignments').where({ user_id: id, org_path: user.orgPath }).update({ org_path: input.orgPath });
  const openTasks = (await tx.trx('tasks').where({ assignee: id }).whereIn('status', ['pending', 'waiting']).select('id', 'case_id')) as Array<{ id: string; case_id: string }>;
  // unclaimed group tasks of the old unit still offered to them
  const offered = (await tx.trx('tasks').join('task_candidates', 'task_candidates.task_id', 'tasks.id').where('task_candidates.user_id', id).whereNull('tasks.assignee')
    .where('tasks.status', 'pending').where('tasks.group_org', user.orgPath).select('tasks.id', 'tasks.case_id')) as Array<{ id: string; case_id: string }>;
  await auditAdmin(tx, 'admin.user.move', input.orgPath, { userId: id, from: user.orgPath, to: input.orgPath, roles: moving.map((g) => g.role), openTasks: openTasks.length });
  const ref = (t: { id: string; case_id: string }) => ({ taskId: t.id, caseId: t.case_id });
  return { user: await loadUser(tx, id), openTasks: openTasks.map(ref), offeredTasks: offered.map(ref) };
}
