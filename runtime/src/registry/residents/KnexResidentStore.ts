/**
 * The resident registry in the store: scoped lists with keyset paging and lookups by keyed hash,
 * single reads, and audited writes (create, edit with `expectedVersion`, bulk upsert by ID number
 * for imports). Values arrive plain and leave plain; sealing happens in `residentRecord.ts`.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { AppAbility } from '../../authz/defineAbilities.ts';
import { applyScope } from '../../authz/scopeToSql.ts';
import { appendAudit } from '../../audit/KnexAuditLog.ts';
import type { PiiCodec } from '../../pii/createPiiCodec.ts';
import { ConflictError, NotFoundError } from '../../errors/DomainError.ts';
import { residentOf, residentRow, type Resident, type ResidentInput, type ResidentRow } from './residentRecord.ts';
import { normalizeIdNumber, normalizePhone } from '../normalizeText.ts';
import type { ResidentRetireReason } from '../registryKinds.ts';

/** Who makes a change (for the audit entry). */
export interface Actor { id: string; roles: string[] }

/** Filters of a list. */
export interface ResidentFilter {
  q?: string; phone?: string; idNumber?: string; orgPath?: string; category?: string; householdId?: string; limit: number; after?: [string, string];
  /** registered residents (default), retired ones (moved away, deceased), or both */
  status?: 'active' | 'retired' | 'all';
}

/** The names of the fields a change touched (audit entries name fields, never values). */
export function changedFields(before: Resident | undefined, after: ResidentInput): string[] {
  const keys = ['name', 'idNumber', 'orgPath', 'sex', 'birthDate', 'phone', 'address', 'categories', 'householdId', 'householdRelation', 'emergencyContacts', 'userId'] as const;
  return keys.filter((k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after[k] ?? null));
}

/** Creates the store over a knex instance and the personal-data codec. */
export function createResidentStore(knex: Knex, dialect: 'sqlite' | 'mysql', codec: PiiCodec) {
  const audit = (trx: Knex.Transaction, actor: Actor, orgPath: string, action: string, detail: Record<string, unknown>) =>
    appendAudit(trx, dialect, [{ at: Date.now(), actorId: actor.id, actorRoles: actor.roles, orgPath, action, detail }]);

  async function visibleRow(db: Knex, ability: AppAbility, id: string, action: 'read' | 'manage'): Promise<ResidentRow> {
    const q = db('residents').where('residents.id', id).first();
    if (!applyScope(q, knex, ability, action, 'Resident', 'residents')) throw new NotFoundError('resident.not-found', { id });
    const row = (await q) as ResidentRow | undefined;
    if (!row) throw new NotFoundError('resident.not-found', { id });
    return row;
  }

  return {
    /** Residents in the caller's scope, by name then id; phone and ID number match through their keyed hash. */
    async list(ability: AppAbility, f: ResidentFilter): Promise<{ items: Resident[]; next?: [string, string] }> {
      const q = knex('residents').select('residents.*').orderBy([{ column: 'name_sort' }, { column: 'id' }]).limit(f.limit + 1);
      if (!applyScope(q, knex, ability, 'read', 'Resident', 'residents')) return { items: [] };
      if ((f.status ?? 'active') === 'active') q.whereNull('retired_at');
      else if (f.status === 'retired') q.whereNotNull('retired_at');
      if (f.q) q.where('name', 'like', `%${f.q.replace(/[\\%_]/g, '')}%`); // wildcards dropped, not escaped: LIKE escapes differ between SQLite and MySQL
      if (f.phone) q.where('phone_hmac', codec.hmac(normalizePhone(f.phone)));
      if (f.idNumber) q.where('id_hmac', codec.hmac(normalizeIdNumber(f.idNumber)));
      if (f.orgPath) q.where((w) => w.where('org_path', f.orgPath!).orWhere('org_path', 'like', `${f.orgPath}/%`));
      if (f.category) q.where((w) => w.where('categories', f.category!).orWhere('categories', 'like', `${f.category},%`).orWhere('categories', 'like', `%,${f.category}`).orWhere('categories', 'like', `%,${f.category},%`));
      if (f.householdId) q.where('household_id', f.householdId);
      if (f.after) q.where((w) => w.where('name_sort', '>', f.after![0]).orWhere((x) => x.where('name_sort', f.after![0]).where('id', '>', f.after![1])));
      const rows = (await q) as ResidentRow[];
      const page = rows.slice(0, f.limit);
      const last = page[page.length - 1];
      return { items: page.map((r) => residentOf(r, codec)), next: rows.length > f.limit && last ? [last.name_sort, last.id] : undefined };
    },

    /** One resident in scope (404 otherwise). */
    async get(ability: AppAbility, id: string, action: 'read' | 'manage' = 'read'): Promise<Resident> {
      return residentOf(await visibleRow(knex, ability, id, action), codec);
    },

    /** Creates a checked resident; a registered ID number is a conflict. */
    async create(input: ResidentInput, actor: Actor): Promise<Resident> {
      const id = `r-${randomUUID()}`;
      const at = Date.now();
      const row = residentRow(id, input, codec, { version: 1, createdAt: at, at, by: actor.id });
      await knex.transaction(async (trx) => {
        if (await trx('residents').where({ id_hmac: row.id_hmac }).first('id')) throw new ConflictError('resident.duplicate-id-number');
        await trx('residents').insert(row);
        await audit(trx, actor, input.orgPath, 'resident.create', { residentId: id, fields: changedFields(undefined, input) });
      });
      return residentOf(row, codec);
    },

    /** Replaces a resident's fields if it is still at `expectedVersion` (409 otherwise). */
    async update(ability: AppAbility, id: string, input: ResidentInput, expectedVersion: number, actor: Actor): Promise<Resident> {
      return knex.transaction(async (trx) => {
        const before = residentOf(await visibleRow(trx, ability, id, 'manage'), codec);
        if (before.retiredAt !== undefined) throw new ConflictError('resident.retired', { id });
        if (before.version !== expectedVersion) throw new ConflictError('resident.version-conflict', { currentVersion: before.version });
        const row = residentRow(id, input, codec, { version: before.version + 1, createdAt: before.createdAt, at: Date.now(), by: actor.id });
        const clash = (await trx('residents').where({ id_hmac: row.id_hmac }).whereNot({ id }).first('id')) as { id: string } | undefined;
        if (clash) throw new ConflictError('resident.duplicate-id-number');
        // the version in the WHERE closes the race between the read above and this write
        const n = await trx('residents').where({ id, version: expectedVersion }).update(row);
        if (!n) throw new ConflictError('resident.version-conflict', {});
        await audit(trx, actor, input.orgPath, 'resident.update', { residentId: id, fields: changedFields(before, input), fromOrg: before.orgPath !== input.orgPath ? before.orgPath : undefined });
        return residentOf(row, codec);
      });
    },

    /**
     * Retires a resident who moved away or died (if still at `expectedVersion`): out of lists and
     * bindings, kept for the history of their cases. Every device bound to them is unbound in the
     * same transaction; one audit entry names the reason and the devices.
     */
    async retire(ability: AppAbility, id: string, input: { reason: ResidentRetireReason; expectedVersion: number }, actor: Actor): Promise<{ resident: Resident; unboundDevices: string[] }> {
      return knex.transaction(async (trx) => {
        const before = residentOf(await visibleRow(trx, ability, id, 'manage'), codec);
        if (before.retiredAt !== undefined) throw new ConflictError('resident.retired', { id });
        if (before.version !== input.expectedVersion) throw new ConflictError('resident.version-conflict', { currentVersion: before.version });
        const at = Date.now();
        const n = await trx('residents').where({ id, version: input.expectedVersion }).update({ retired_at: at, retired_reason: input.reason, version: input.expectedVersion + 1, updated_at: at, updated_by: actor.id });
        if (!n) throw new ConflictError('resident.version-conflict', {});
        const devices = ((await trx('devices').where({ resident_id: id }).orderBy('id').select('id')) as Array<{ id: string }>).map((d) => d.id);
        if (devices.length) await trx('devices').where({ resident_id: id }).update({ resident_id: null, version: trx.raw('version + 1'), updated_at: at, updated_by: actor.id });
        await audit(trx, actor, before.orgPath, 'resident.retire', { residentId: id, reason: input.reason, unboundDevices: devices });
        return { resident: residentOf((await trx('residents').where({ id }).first()) as ResidentRow, codec), unboundDevices: devices };
      });
    },

    /** The stored resident (id, version, grid) of each ID-number hash, for imports deciding create vs update. */
    async byIdHashes(db: Knex, hmacs: string[]): Promise<Map<string, { id: string; version: number; created_at: number; org_path: string; phone_hmac: string | null }>> {
      const out = new Map<string, { id: string; version: number; created_at: number; org_path: string; phone_hmac: string | null }>();
      for (let i = 0; i < hmacs.length; i += 500) {
        const rows = (await db('residents').whereIn('id_hmac', hmacs.slice(i, i + 500)).select('id', 'id_hmac', 'version', 'created_at', 'org_path', 'phone_hmac')) as Array<{ id: string; id_hmac: string; version: number; created_at: number; org_path: string; phone_hmac: string | null }>;
        for (const r of rows) out.set(r.id_hmac, r);
      }
      return out;
    },
  };
}

/** The resident store's type. */
export type ResidentStore = ReturnType<typeof createResidentStore>;
