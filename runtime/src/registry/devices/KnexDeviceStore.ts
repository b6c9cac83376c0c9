/**
 * The device registry in the store: scoped lists, audited writes with `expectedVersion`, and what
 * the device adapters report through the runtime (last seen, silent, back) — see deviceSignals.ts.
 */
import type { Knex } from 'knex';
import type { AppAbility } from '../../authz/defineAbilities.ts';
import { applyScope } from '../../authz/scopeToSql.ts';
import { appendAudit } from '../../audit/KnexAuditLog.ts';
import { ConflictError, NotFoundError } from '../../errors/DomainError.ts';
import { deviceOf, deviceRow, type Device, type DeviceInput, type DeviceRow } from './deviceRecord.ts';
import type { Actor } from '../residents/KnexResidentStore.ts';

/** Filters of a list. */
export interface DeviceFilter { q?: string; type?: string; status?: string; orgPath?: string; residentId?: string; limit: number; after?: string }

/** Creates the store. */
export function createDeviceStore(knex: Knex, dialect: 'sqlite' | 'mysql') {
  const audit = (trx: Knex.Transaction, actor: Actor, orgPath: string, action: string, detail: Record<string, unknown>) =>
    appendAudit(trx, dialect, [{ at: Date.now(), actorId: actor.id, actorRoles: actor.roles, orgPath, action, detail }]);

  async function visibleRow(db: Knex, ability: AppAbility, id: string, action: 'read' | 'manage'): Promise<DeviceRow> {
    const q = db('devices').where('devices.id', id).first();
    if (!applyScope(q, knex, ability, action, 'Device', 'devices')) throw new NotFoundError('device.not-found', { id });
    const row = (await q) as DeviceRow | undefined;
    if (!row) throw new NotFoundError('device.not-found', { id });
    return row;
  }

  return {
    /** Devices in the caller's scope, by id. */
    async list(ability: AppAbility, f: DeviceFilter): Promise<{ items: Device[]; next?: string }> {
      const q = knex('devices').select('devices.*').orderBy('name_sort').limit(f.limit + 1);
      if (!applyScope(q, knex, ability, 'read', 'Device', 'devices')) return { items: [] };
      if (f.q) q.where('name_sort', 'like', `${f.q.replace(/[\\%_]/g, '')}%`);
      if (f.type) q.where('type', f.type);
      if (f.status) q.where('status', f.status);
      if (f.residentId) q.where('resident_id', f.residentId);
      if (f.orgPath) q.where((w) => w.where('org_path', f.orgPath!).orWhere('org_path', 'like', `${f.orgPath}/%`));
      if (f.after) q.where('name_sort', '>', f.after);
      const rows = (await q) as DeviceRow[];
      const page = rows.slice(0, f.limit);
      return { items: page.map(deviceOf), next: rows.length > f.limit ? page[page.length - 1]?.id : undefined };
    },

    async get(ability: AppAbility, id: string, action: 'read' | 'manage' = 'read'): Promise<Device> {
      return deviceOf(await visibleRow(knex, ability, id, action));
    },

    /** Registers a checked device; an id in use is a conflict (ids come from the hardware). */
    async create(input: DeviceInput, actor: Actor): Promise<Device> {
      const at = Date.now();
      const row = deviceRow(input, { version: 1, createdAt: at, at, by: actor.id });
      await knex.transaction(async (trx) => {
        if (await trx('devices').where({ id: input.id }).first('id')) throw new ConflictError('device.exists', { id: input.id });
        await trx('devices').insert(row);
        await audit(trx, actor, input.orgPath, 'device.create', { deviceId: input.id, residentId: input.residentId ?? null });
      });
      return deviceOf(row);
    },

    /** Rebinds, moves or retires a device if it is still at `expectedVersion`. */
    async update(ability: AppAbility, id: string, input: DeviceInput, expectedVersion: number, actor: Actor): Promise<Device> {
      return knex.transaction(async (trx) => {
        const before = await visibleRow(trx, ability, id, 'manage');
        if (Number(before.version) !== expectedVersion) throw new ConflictError('device.version-conflict', { currentVersion: Number(before.version) });
        const row = deviceRow({ ...input, id }, { version: expectedVersion + 1, createdAt: Number(before.created_at), at: Date.now(), by: actor.id, lastSeenAt: before.last_seen_at, silentCase: before.silent_case });
        if (!(await trx('devices').where({ id, version: expectedVersion }).update(row))) throw new ConflictError('device.version-conflict', {});
        const fields: string[] = (['type', 'orgPath', 'residentId', 'status', 'account'] as const).filter((k) => (deviceOf(before)[k] ?? null) !== ((input as unknown as Record<string, unknown>)[k] ?? (k === 'status' ? 'active' : null)));
        if (JSON.stringify(deviceOf(before).site ?? null) !== JSON.stringify(input.site ?? null)) fields.push('site');
        await audit(trx, actor, input.orgPath, 'device.update', { deviceId: id, fields });
        return deviceOf(row);
      });
    },
  };
}

/** The device store's type. */
export type DeviceStore = ReturnType<typeof createDeviceStore>;
