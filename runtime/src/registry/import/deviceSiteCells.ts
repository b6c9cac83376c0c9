/**
 * A grid sensor's site from a device sheet's cells (安装地点, 楼栋编号, 纬度, 经度, 坐标系): a site needs both
 * coordinates (its alarms bring them to a grid incident); the datum defaults to CGCS2000, the national one.
 * A sheet without the site columns leaves stored sites alone; with them, empty cells clear the site.
 */
import type { FieldProblemCode } from '../fieldProblems.ts';
import type { DeviceSite } from '../devices/deviceRecord.ts';

/** The site columns of the device template. */
export const siteColumns = ['sitePlace', 'siteBuilding', 'siteLat', 'siteLng', 'siteDatum'] as const;

/** What the cells say: no site columns (`absent`), a site or none, or problems by column. */
export type SiteCells = { absent: true } | { absent: false; site?: DeviceSite; problems: Array<[string, FieldProblemCode]> };

const DECIMAL = /^-?\d{1,3}(\.\d{1,10})?$/;

/** Reads the site of one row; `columns` are the sheet's columns present (keys). */
export function siteCells(values: Record<string, string>, columns: Set<string>): SiteCells {
  if (!siteColumns.some((c) => columns.has(c))) return { absent: true };
  const v = (k: (typeof siteColumns)[number]) => (values[k] ?? '').trim();
  const problems: Array<[string, FieldProblemCode]> = [];
  const [lat, lng] = [v('siteLat'), v('siteLng')];
  if (!lat && !lng) {
    if (v('sitePlace') || v('siteBuilding') || v('siteDatum')) problems.push(['siteLat', 'device-site.incomplete']);
    return { absent: false, problems };
  }
  if (!DECIMAL.test(lat) || !DECIMAL.test(lng)) problems.push([DECIMAL.test(lat) ? 'siteLng' : 'siteLat', 'device-site.coordinates']);
  const datum = (v('siteDatum') || 'CGCS2000').toUpperCase();
  if (datum !== 'CGCS2000' && datum !== 'WGS84') problems.push(['siteDatum', 'device-site.datum']);
  if (v('sitePlace').length > 60) problems.push(['sitePlace', 'too-long']);
  if (v('siteBuilding').length > 40) problems.push(['siteBuilding', 'too-long']);
  if (problems.length) return { absent: false, problems };
  const site: DeviceSite = { lat: Number(lat), lng: Number(lng), datum: datum as DeviceSite['datum'], ...(v('sitePlace') ? { place: v('sitePlace') } : {}), ...(v('siteBuilding') ? { buildingId: v('siteBuilding') } : {}) };
  return { absent: false, site, problems };
}

/** The export cells of a site, in template order. */
export function siteCellsOf(site: DeviceSite | undefined): string[] {
  return site ? [site.place ?? '', site.buildingId ?? '', String(site.lat), String(site.lng), site.datum] : ['', '', '', '', ''];
}
