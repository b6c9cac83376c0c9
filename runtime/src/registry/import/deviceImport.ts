/**
 * Devices from a sheet: type by its Chinese name, grid code, the resident bound by ID number (looked
 * up through the keyed hash, never decrypted), status, and a grid sensor's site (deviceSiteCells.ts);
 * upserted by device id.
 */
import { ConflictError } from '../../errors/DomainError.ts';
import { orgPathOf } from '../../identity/orgPath.ts';
import { mayAt } from '../registryScope.ts';
import { deviceStatuses, deviceStatusIds, deviceTypeIds, deviceTypes, type DeviceStatus, type DeviceType } from '../registryKinds.ts';
import { checkDevice, deviceOf, deviceRow, type DeviceInput, type DeviceRow } from '../devices/deviceRecord.ts';
import { normalizeIdNumber } from '../normalizeText.ts';
import { siteCells } from './deviceSiteCells.ts';
import { insertChunks, type ImportPlan, type KindImporter } from './importContext.ts';
import type { SheetRecord } from './importReport.ts';

const byLabel = <T extends string>(ids: readonly T[], labels: Record<T, { zh: string; en: string }>) =>
  new Map<string, T>(ids.flatMap((id) => [[id.toLowerCase(), id], [labels[id].zh, id], [labels[id].en.toLowerCase(), id]] as Array<[string, T]>));
const typeByLabel = byLabel(deviceTypeIds, deviceTypes);
const statusByLabel = byLabel(deviceStatusIds, deviceStatuses);

export const deviceImporter: KindImporter = {
  async plan(records, problems, ctx): Promise<ImportPlan> {
    const { knex, codec } = ctx;
    // the residents the sheet names, by keyed hash of their ID numbers
    const hmacs = [...new Set(records.map((r) => r.values.residentIdNumber).filter((x): x is string => !!x).map((x) => codec.hmac(normalizeIdNumber(x))))];
    const residents = new Map<string, { id: string; org_path: string }>();
    for (let i = 0; i < hmacs.length; i += 500) for (const r of (await knex('residents').whereIn('id_hmac', hmacs.slice(i, i + 500)).select('id', 'id_hmac', 'org_path')) as Array<{ id: string; id_hmac: string; org_path: string }>) residents.set(r.id_hmac, r);
    const grids = new Map([...residents.values()].map((r) => [r.id, r.org_path]));
    const ok: Array<{ rec: SheetRecord; input: DeviceInput; siteGiven: boolean }> = [];
    const seen = new Set<string>();
    for (const rec of records) {
      const v = rec.values;
      const type = typeByLabel.get((v.type ?? '').toLowerCase());
      if (v.type && !type) problems.add(rec, 'type', 'device-type.unknown');
      const status = v.status ? statusByLabel.get(v.status.toLowerCase()) : undefined;
      if (v.status && !status) problems.add(rec, 'status', 'device-status.unknown');
      const orgPath = v.gridCode ? orgPathOf(v.gridCode) : undefined;
      if (v.gridCode && !orgPath) problems.add(rec, 'gridCode', 'org.bad-code');
      const resident = v.residentIdNumber ? residents.get(codec.hmac(normalizeIdNumber(v.residentIdNumber))) : undefined;
      if (v.residentIdNumber && !resident) problems.add(rec, 'residentIdNumber', 'resident.unknown');
      const cells = siteCells(v, new Set(Object.keys(rec.at)));
      if (!cells.absent) for (const [field, code] of cells.problems) problems.add(rec, field, code);
      if (problems.hasError(rec.row) || !orgPath || !type) continue;
      const input: DeviceInput = { id: v.id ?? '', type: type as DeviceType, orgPath, residentId: resident?.id, status: status as DeviceStatus | undefined, account: v.account,
        ...(!cells.absent && cells.site ? { site: cells.site } : {}) };
      const fieldOf = (f: string) => (f === 'orgPath' ? 'gridCode' : f === 'residentId' ? 'residentIdNumber' : f === 'site' ? 'siteLat' : f);
      for (const p of checkDevice(input, (path) => ctx.orgPaths.has(path), (id) => grids.get(id))) problems.add(rec, fieldOf(p.field), p.code);
      if (seen.has(input.id)) problems.add(rec, 'id', 'device-id.duplicate');
      seen.add(input.id);
      if (!problems.hasError(rec.row) && !mayAt(ctx.ability, 'manage', 'Device', orgPath)) problems.add(rec, 'gridCode', 'org.out-of-scope');
      if (!problems.hasError(rec.row)) ok.push({ rec, input, siteGiven: !cells.absent });
    }
    const stored = new Map<string, DeviceRow>();
    for (let i = 0; i < ok.length; i += 500) for (const r of (await knex('devices').whereIn('id', ok.slice(i, i + 500).map((x) => x.input.id))) as DeviceRow[]) stored.set(r.id, r);
    const inserts: DeviceRow[] = [];
    const updates: DeviceRow[] = [];
    let unchanged = 0;
    const at = Date.now();
    for (const { rec, input, siteGiven } of ok) {
      const before = stored.get(input.id);
      if (!before) { inserts.push(deviceRow(input, { version: 1, createdAt: at, at, by: ctx.actor.id })); continue; }
      if (!mayAt(ctx.ability, 'manage', 'Device', before.org_path)) { problems.add(rec, 'id', 'org.out-of-scope'); continue; }
      const old = deviceOf(before);
      // a sheet without the site columns keeps the stored site; with them, the sheet's site (or none) replaces it
      const merged: DeviceInput = { ...input, status: input.status ?? old.status, account: 'account' in rec.at ? input.account : old.account, site: siteGiven ? input.site : old.site };
      const same = (['type', 'orgPath', 'residentId', 'status', 'account'] as const).every((k) => (old[k] ?? null) === (merged[k] ?? null)) && JSON.stringify(old.site ?? null) === JSON.stringify(merged.site ?? null);
      if (same) { unchanged++; continue; }
      updates.push(deviceRow(merged, { version: Number(before.version) + 1, createdAt: Number(before.created_at), at, by: ctx.actor.id, lastSeenAt: before.last_seen_at, silentCase: before.silent_case }));
    }
    return {
      created: inserts.length, updated: updates.length, unchanged, orgPaths: [...new Set([...inserts, ...updates].map((r) => r.org_path))],
      async write(trx) {
        await insertChunks(trx, 'devices', inserts);
        for (const r of updates) if (!(await trx('devices').where({ id: r.id, version: r.version - 1 }).update(r))) throw new ConflictError('device.version-conflict', { id: r.id });
      },
    };
  },
};
