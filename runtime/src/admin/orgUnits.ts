/**
 * Org-unit administration (issue 9.1) as service functions over the caller's transaction: create,
 * rename, move, merge two grids, retire. Each checks the admin's scope and the code rules, writes,
 * keeps every dependent path correct (./rewriteOrgPaths.ts) and appends its audit entry. After the
 * transaction commits, the caller drops its caches (principals, the engine's directory).
 *
 * Units outside the admin's subtrees answer `org.not-found` (they are not theirs to know about);
 * a target parent outside them answers `org.out-of-scope`.
 */
import type { Knex } from 'knex';
import { ConflictError, ForbiddenError, NotFoundError, RefusedError } from '../errors/DomainError.ts';
import { depthOfPath, isUnder, orgLevelsOf } from '../identity/orgPath.ts';
import { administers } from './adminScope.ts';
import { auditAdmin, type AdminTx } from './adminTx.ts';
import { codeProblem, defaultLevelUnder, levelsUnder, nextFreeCode, recode, type ChildLevel } from './orgCodes.ts';
import { rewriteOrgPaths } from './rewriteOrgPaths.ts';

/** An org unit as administration sees it. */
export interface OrgUnitRecord { path: string; code: string; name: string; level: string; parentPath: string | null; version: number; retiredAt: number | null }

interface OrgRow { path: string; code: string; name: string; level: string; parent_path: string | null; version: number | string; retired_at: number | string | null }

const toRecord = (r: OrgRow): OrgUnitRecord => ({ path: r.path, code: r.code, name: r.name, level: r.level, parentPath: r.parent_path, version: Number(r.version), retiredAt: r.retired_at === null ? null : Number(r.retired_at) });

/** A unit by code inside the admin's subtrees (retired ones too), or `org.not-found`. */
export async function loadOrgUnit(tx: AdminTx, code: string): Promise<OrgUnitRecord> {
  const row = (await tx.trx('org_units').where({ code }).first()) as OrgRow | undefined;
  if (!row || !administers(tx.actor, row.path)) throw new NotFoundError('org.not-found', { code });
  return toRecord(row);
}

/** A live unit named as a target (parent, merge target, hand-over unit): unknown → refused, outside scope → forbidden. */
async function loadTarget(tx: AdminTx, code: string, field: string): Promise<OrgUnitRecord> {
  const row = (await tx.trx('org_units').where({ code }).first()) as OrgRow | undefined;
  if (!row) throw new RefusedError('org.parent-not-found', { path: field, code });
  if (!administers(tx.actor, row.path)) throw new ForbiddenError('org.out-of-scope', { path: field, code });
  if (row.retired_at !== null) throw new ConflictError('org.retired', { path: field, code });
  return toRecord(row);
}

function checkOrgName(name: string): string {
  const n = name.normalize('NFKC').trim();
  if (n.length < 1 || n.length > 100) throw new RefusedError('org.name-invalid', { path: '/name' });
  return n;
}

function checkVersion(unit: OrgUnitRecord, expected: number | undefined): void {
  if (expected !== undefined && expected !== unit.version) throw new ConflictError('org.version-conflict', { currentVersion: unit.version, code: unit.code });
}

function live(unit: OrgUnitRecord): void {
  if (unit.retiredAt !== null) throw new ConflictError('org.retired', { code: unit.code });
}

async function usedCodes(tx: AdminTx, parentCode: string): Promise<Set<string>> {
  const rows = (await tx.trx('org_units').where('code', 'like', `${parentCode}___`).select('code')) as Array<{ code: string }>;
  return new Set(rows.map((r) => r.code));
}

/** Picks or checks the code of a `level` child of `parent`. */
async function childCode(tx: AdminTx, parent: OrgUnitRecord, level: ChildLevel, wanted: string | undefined, field: string): Promise<string> {
  const used = await usedCodes(tx, parent.code);
  if (wanted === undefined) {
    const code = nextFreeCode(parent.code, level, used);
    if (!code) throw new RefusedError('org.code-invalid', { path: field, reason: `no free ${level} code under ${parent.code}` });
    return code;
  }
  const reason = codeProblem(wanted, parent.code, level);
  if (reason) throw new RefusedError('org.code-invalid', { path: field, code: wanted, reason });
  if (used.has(wanted) || (await tx.trx('org_units').where({ code: wanted }).first('code'))) throw new ConflictError('org.code-taken', { path: field, code: wanted });
  return wanted;
}

/** Creates an org unit under `parentCode`; the code is checked, or the next free one is given. */
export async function createOrgUnit(tx: AdminTx, input: { parentCode: string; name: string; code?: string; level?: ChildLevel }): Promise<OrgUnitRecord> {
  const parent = await loadTarget(tx, input.parentCode, '/parentCode');
  const level = input.level ?? defaultLevelUnder(parent.level);
  if (!level || !levelsUnder(parent.level).includes(level)) throw new RefusedError('org.level-invalid', { path: '/level', parentLevel: parent.level, level: level ?? null, allowed: levelsUnder(parent.level) });
  const code = await childCode(tx, parent, level, input.code, '/code');
  const name = checkOrgName(input.name);
  const unit: OrgUnitRecord = { path: `${parent.path}/${code}`, code, name, level, parentPath: parent.path, version: 1, retiredAt: null };
  await tx.trx('org_units').insert({ path: unit.path, code, name: unit.name, level, parent_path: parent.path, version: 1 });
  await auditAdmin(tx, 'admin.org.create', unit.path, { code, name: unit.name, level });
  return unit;
}

/** Renames a unit. */
export async function renameOrgUnit(tx: AdminTx, code: string, input: { name: string; expectedVersion?: number }): Promise<OrgUnitRecord> {
  const unit = await loadOrgUnit(tx, code);
  checkVersion(unit, input.expectedVersion);
  live(unit);
  const name = checkOrgName(input.name);
  await tx.trx('org_units').where({ path: unit.path, version: unit.version }).update({ name, version: unit.version + 1 });
  await auditAdmin(tx, 'admin.org.rename', unit.path, { code, from: unit.name, to: name });
  return { ...unit, name, version: unit.version + 1 };
}

/**
 * Moves a unit (and its subtree) under another parent of the level it had. Codes carry their
 * ancestors, so the unit gets a code under its new parent (given, or the next free one) and every
 * descendant's code and path follow; people, cases, tasks and snapshots are rewritten with them.
 */
export async function moveOrgUnit(tx: AdminTx, code: string, input: { parentCode: string; newCode?: string; expectedVersion?: number }): Promise<OrgUnitRecord & { moved: Record<string, string> }> {
  const unit = await loadOrgUnit(tx, code);
  checkVersion(unit, input.expectedVersion);
  live(unit);
  if (!unit.parentPath) throw new RefusedError('org.is-root', { code });
  const parent = await loadTarget(tx, input.parentCode, '/parentCode');
  if (isUnder(parent.path, unit.path)) throw new RefusedError('org.move-cycle', { path: '/parentCode', code, parentCode: parent.code });
  if (parent.path === unit.parentPath) throw new RefusedError('org.move-same-parent', { path: '/parentCode', parentCode: parent.code });
  if (!levelsUnder(parent.level).includes(unit.level as ChildLevel)) throw new RefusedError('org.level-invalid', { path: '/parentCode', parentLevel: parent.level, level: unit.level });
  const newCode = await childCode(tx, parent, unit.level as ChildLevel, input.newCode, '/newCode');
  const rows = (await tx.trx('org_units').where(inSubtree(unit.path, 'path')).orderBy('path')) as OrgRow[];
  const mapping = new Map<string, string>();
  const depth = depthOfPath(unit.path);
  for (const r of rows) {
    const below = r.path.split('/').filter(Boolean).slice(depth - 1).map((c) => recode(c, unit.code, newCode));
    mapping.set(r.path, `${parent.path}/${below.join('/')}`);
  }
  for (const r of rows) {
    const path = mapping.get(r.path)!;
    const root = r.path === unit.path;
    await tx.trx('org_units').where({ path: r.path }).update({ path, code: path.split('/').pop(), parent_path: root ? parent.path : mapping.get(r.parent_path!)!, ...(root ? { version: unit.version + 1 } : {}) });
  }
  const counts = await rewriteOrgPaths(tx.trx, mapping, unit.path, tx.now);
  const to = mapping.get(unit.path)!;
  await auditAdmin(tx, 'admin.org.move', to, { code, newCode, from: unit.path, to, units: rows.length, ...counts });
  return { ...unit, path: to, code: newCode, parentPath: parent.path, version: unit.version + 1, moved: Object.fromEntries(mapping) };
}

/** Merges grid `fromCode` into grid `intoCode`: people, cases and tasks move over, `fromCode` is retired. */
export async function mergeGrids(tx: AdminTx, fromCode: string, input: { intoCode: string; expectedVersion?: number }): Promise<OrgUnitRecord> {
  const from = await loadOrgUnit(tx, fromCode);
  checkVersion(from, input.expectedVersion);
  live(from);
  const into = await loadTarget(tx, input.intoCode, '/intoCode');
  if (from.level !== 'grid' || into.level !== 'grid' || from.path === into.path) throw new RefusedError('org.merge-invalid', { path: '/intoCode', from: from.code, into: into.code });
  const counts = await rewriteOrgPaths(tx.trx, new Map([[from.path, into.path]]), from.path, tx.now);
  await tx.trx('org_units').where({ path: from.path }).update({ retired_at: tx.now, version: from.version + 1 });
  await auditAdmin(tx, 'admin.org.merge', into.path, { from: from.code, into: into.code, ...counts });
  return { ...from, retiredAt: tx.now, version: from.version + 1 };
}

/** `column` is `path` or lies under it. */
const inSubtree = (path: string, column = 'org_path') => (w: Knex.QueryBuilder) => { void w.where(column, path).orWhere(column, 'like', `${path}/%`); };

/**
 * Retires a unit and its subtree. Refused while people work there (`org.has-members`), and while
 * cases are open there (`org.has-open-cases`, listing them) unless `handToCode` names a unit to
 * take them: then the open cases and their tasks move there in the same transaction.
 */
export async function retireOrgUnit(tx: AdminTx, code: string, input: { expectedVersion?: number; handToCode?: string }): Promise<OrgUnitRecord & { handedOver: string[] }> {
  const unit = await loadOrgUnit(tx, code);
  checkVersion(unit, input.expectedVersion);
  live(unit);
  if (!unit.parentPath) throw new RefusedError('org.is-root', { code });
  const members = (await tx.trx('users').where(inSubtree(unit.path)).where({ disabled: false }).select('id').limit(100)) as Array<{ id: string }>;
  const holders = (await tx.trx('role_assignments').where(inSubtree(unit.path)).distinct('user_id').limit(100)) as Array<{ user_id: string }>;
  const users = [...new Set([...members.map((m) => m.id), ...holders.map((h) => h.user_id)])].sort();
  if (users.length) throw new ConflictError('org.has-members', { code, users });
  const open = (await tx.trx('cases').where(inSubtree(unit.path)).where({ status: 'active' }).orderBy('created_at').select('id', 'ref', 'org_path', 'snapshot')) as Array<{ id: string; ref: string; org_path: string; snapshot: string }>;
  let handTo: OrgUnitRecord | undefined;
  if (input.handToCode !== undefined) {
    handTo = await loadTarget(tx, input.handToCode, '/handToCode');
    if (isUnder(handTo.path, unit.path)) throw new RefusedError('org.move-cycle', { path: '/handToCode', code: handTo.code });
  }
  if (open.length && !handTo) throw new ConflictError('org.has-open-cases', { code, total: open.length, cases: open.slice(0, 200).map((c) => ({ id: c.id, ref: c.ref, orgPath: c.org_path })) });
  for (const c of open) {
    const snap = JSON.parse(c.snapshot) as { context: { orgPath: string } };
    snap.context.orgPath = handTo!.path;
    await tx.trx('cases').where({ id: c.id }).update({ org_path: handTo!.path, ...orgLevelsOf(handTo!.path), snapshot: JSON.stringify(snap), version: tx.trx.raw('version + 1'), updated_at: tx.now });
    await tx.trx('tasks').where({ case_id: c.id }).whereIn('status', ['pending', 'waiting', 'delegated']).update({ org_path: handTo!.path, ...orgLevelsOf(handTo!.path) });
  }
  await tx.trx('org_units').where(inSubtree(unit.path, 'path')).whereNull('retired_at').update({ retired_at: tx.now });
  await tx.trx('org_units').where({ path: unit.path }).update({ version: unit.version + 1 });
  const handedOver = open.map((c) => c.id);
  await auditAdmin(tx, 'admin.org.retire', unit.path, { code, ...(handTo ? { handTo: handTo.code } : {}), cases: handedOver });
  return { ...unit, retiredAt: tx.now, version: unit.version + 1, handedOver };
}
