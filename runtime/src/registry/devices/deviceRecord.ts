/** A device as the API and the importer give it, its checks, and its row form (no personal data of its own). */
import { depthOfPath, isOrgPath, orgLevelsOf } from '../../identity/orgPath.ts';
import { fieldProblem, type FieldProblem } from '../fieldProblems.ts';
import { deviceStatusIds, deviceTypeIds, type DeviceStatus, type DeviceType } from '../registryKinds.ts';

/** A device's editable fields. */
export interface DeviceInput { id: string; type: DeviceType; orgPath: string; residentId?: string; status?: DeviceStatus; account?: string }
/** A stored device. */
export interface Device extends DeviceInput { status: DeviceStatus; lastSeenAt?: number; version: number; createdAt: number; updatedAt: number }

/** The stored row. */
export interface DeviceRow {
  id: string; type: string; name_sort: string; resident_id: string | null; status: string; last_seen_at: number | null; account: string | null; silent_case: string | null;
  version: number; created_at: number; updated_at: number; updated_by: string | null;
  org_path: string; org_l1: string | null; org_l2: string | null; org_l3: string | null; org_l4: string | null;
}

const DEVICE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Field problems of a device; `residentGrid` gives the grid of a resident id (undefined: unknown). */
export function checkDevice(d: DeviceInput, orgExists: (path: string) => boolean, residentGrid: (id: string) => string | undefined): FieldProblem[] {
  const p: FieldProblem[] = [];
  if (!DEVICE_ID.test(d.id)) p.push(fieldProblem('id', 'device-id.invalid'));
  if (!deviceTypeIds.includes(d.type)) p.push(fieldProblem('type', 'device-type.unknown'));
  if (d.status && !deviceStatusIds.includes(d.status)) p.push(fieldProblem('status', 'device-status.unknown'));
  if (!isOrgPath(d.orgPath)) p.push(fieldProblem('orgPath', 'org.bad-code'));
  else if (depthOfPath(d.orgPath) !== 4) p.push(fieldProblem('orgPath', 'org.not-grid'));
  else if (!orgExists(d.orgPath)) p.push(fieldProblem('orgPath', 'org.unknown'));
  if (d.residentId) {
    const grid = residentGrid(d.residentId);
    if (grid === undefined) p.push(fieldProblem('residentId', 'resident.unknown'));
    else if (grid !== d.orgPath) p.push(fieldProblem('residentId', 'resident.other-grid'));
  }
  return p;
}

/** The row of a checked device. */
export function deviceRow(d: DeviceInput, meta: { version: number; createdAt: number; at: number; by?: string; lastSeenAt?: number | null; silentCase?: string | null }): DeviceRow {
  return {
    id: d.id, type: d.type, name_sort: d.id, resident_id: d.residentId ?? null, status: d.status ?? 'active', last_seen_at: meta.lastSeenAt ?? null, account: d.account ?? null,
    silent_case: meta.silentCase ?? null, version: meta.version, created_at: meta.createdAt, updated_at: meta.at, updated_by: meta.by ?? null, org_path: d.orgPath, ...orgLevelsOf(d.orgPath),
  };
}

/** A row as a device. */
export function deviceOf(r: DeviceRow): Device {
  const d: Device = { id: r.id, type: r.type as DeviceType, orgPath: r.org_path, status: r.status as DeviceStatus, version: Number(r.version), createdAt: Number(r.created_at), updatedAt: Number(r.updated_at) };
  if (r.resident_id) d.residentId = r.resident_id;
  if (r.account) d.account = r.account;
  if (r.last_seen_at !== null && r.last_seen_at !== undefined) d.lastSeenAt = Number(r.last_seen_at);
  return d;
}
