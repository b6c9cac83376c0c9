/** A device as the API and the importer give it, its checks, and its row form (no personal data of its own). */
import { depthOfPath, isOrgPath, orgLevelsOf } from '../../identity/orgPath.ts';
import { fieldProblem, type FieldProblem } from '../fieldProblems.ts';
import { deviceStatusIds, deviceTypeIds, type DeviceStatus, type DeviceType } from '../registryKinds.ts';

/** Where a grid sensor stands: a map point with its datum, a place name, a building (public places, no personal data). */
export interface DeviceSite { lat: number; lng: number; datum: 'CGCS2000' | 'WGS84'; place?: string; buildingId?: string }

/** A device's editable fields. */
export interface DeviceInput { id: string; type: DeviceType; orgPath: string; residentId?: string; status?: DeviceStatus; account?: string; site?: DeviceSite }
/** A stored device. */
export interface Device extends DeviceInput { status: DeviceStatus; lastSeenAt?: number; version: number; createdAt: number; updatedAt: number }

/** The stored row. */
export interface DeviceRow {
  id: string; type: string; name_sort: string; resident_id: string | null; status: string; last_seen_at: number | null; account: string | null; silent_case: string | null;
  version: number; created_at: number; updated_at: number; updated_by: string | null;
  org_path: string; org_l1: string | null; org_l2: string | null; org_l3: string | null; org_l4: string | null;
  site_lat: number | null; site_lng: number | null; site_datum: string | null; site_place: string | null; site_building: string | null;
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
  if (d.site) {
    if (!(d.site.lat >= 3 && d.site.lat <= 54) || !(d.site.lng >= 73 && d.site.lng <= 136)) p.push(fieldProblem('site', 'device-site.out-of-china'));
    if (!['CGCS2000', 'WGS84'].includes(d.site.datum)) p.push(fieldProblem('site', 'device-site.datum'));
  }
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
    site_lat: d.site?.lat ?? null, site_lng: d.site?.lng ?? null, site_datum: d.site?.datum ?? null, site_place: d.site?.place ?? null, site_building: d.site?.buildingId ?? null,
  };
}

/** A row as a device. */
export function deviceOf(r: DeviceRow): Device {
  const d: Device = { id: r.id, type: r.type as DeviceType, orgPath: r.org_path, status: r.status as DeviceStatus, version: Number(r.version), createdAt: Number(r.created_at), updatedAt: Number(r.updated_at) };
  if (r.resident_id) d.residentId = r.resident_id;
  if (r.account) d.account = r.account;
  if (r.last_seen_at !== null && r.last_seen_at !== undefined) d.lastSeenAt = Number(r.last_seen_at);
  const site = siteOf(r);
  if (site) d.site = site;
  return d;
}

/** A row's site, when it has one. */
export function siteOf(r: Pick<DeviceRow, 'site_lat' | 'site_lng' | 'site_datum' | 'site_place' | 'site_building'>): DeviceSite | undefined {
  if (r.site_lat === null || r.site_lat === undefined || r.site_lng === null || r.site_lng === undefined || !r.site_datum) return undefined;
  return { lat: Number(r.site_lat), lng: Number(r.site_lng), datum: r.site_datum as DeviceSite['datum'], ...(r.site_place ? { place: r.site_place } : {}), ...(r.site_building ? { buildingId: r.site_building } : {}) };
}
