/**
 * The rows of an export in the caller's scope, as the template's columns (so an export re-imports).
 * Residents are masked as the caller sees them on screen unless `reveal` (then audited by the caller);
 * a device's resident is named by ID number, masked the same way.
 */
import { maskValue } from '@tongban/engine';
import type { AppAbility } from '../../authz/defineAbilities.ts';
import { mayAt } from '../registryScope.ts';
import type { Registry } from '../createRegistry.ts';
import { residentCategories, deviceTypes, deviceStatuses } from '../registryKinds.ts';
import { siteCellsOf } from '../import/deviceSiteCells.ts';
import { residentView } from '../residents/residentView.ts';
import type { Resident } from '../residents/residentRecord.ts';
import type { ImportKind } from '../import/importColumns.ts';
import { importLimits } from '../import/importColumns.ts';

const codeOf = (path: string) => path.split('/').pop() ?? '';
const sexLabel: Record<string, string> = { male: '男', female: '女' };

/** Every row of a paged list, up to the import limit (an export must re-import). */
async function all<T>(page: (after?: string[]) => Promise<{ items: T[]; next?: string[] }>): Promise<T[]> {
  const out: T[] = [];
  let after: string[] | undefined;
  do {
    const p = await page(after);
    out.push(...p.items);
    after = p.next;
  } while (after && out.length < importLimits.maxRows);
  return out;
}

function residentCells(r: Record<string, unknown>): string[] {
  const contacts = (r.emergencyContacts as Array<Record<string, string>> | undefined) ?? [];
  const s = (k: string) => (r[k] === undefined || r[k] === null ? '' : String(r[k]));
  return [s('name'), s('idNumber'), sexLabel[s('sex')] ?? s('sex'), s('birthDate'), s('phone'), codeOf(s('orgPath')), s('address'),
    ((r.categories as string[] | undefined) ?? []).map((c) => residentCategories[c as keyof typeof residentCategories]?.zh ?? c).join('、'),
    s('householdId'), s('householdRelation'), contacts[0]?.name ?? '', contacts[0]?.phone ?? '', contacts[0]?.relation ?? ''];
}

/** The export rows of a kind. */
export async function exportRows(registry: Registry, ability: AppAbility, roles: string[], kind: ImportKind, reveal: boolean): Promise<string[][]> {
  if (kind === 'residents') {
    const list = await all<Resident>((after) => registry.residents.list(ability, { limit: 200, after: after as [string, string] | undefined }));
    return list.map((r) => residentCells(reveal ? (r as unknown as Record<string, unknown>) : residentView(r, roles)));
  }
  if (kind === 'devices') {
    const list = await all((after) => registry.devices.list(ability, { limit: 200, after: after?.[0] }).then((p) => ({ items: p.items, next: p.next ? [p.next] : undefined })));
    const ids = await registry.residentIdNumbers(list.map((d) => d.residentId).filter((x): x is string => !!x));
    return list.map((d) => {
      const idNumber = d.residentId ? ids.get(d.residentId) ?? '' : '';
      return [d.id, deviceTypes[d.type]?.zh ?? d.type, codeOf(d.orgPath), reveal ? idNumber : String(maskValue('id-number', idNumber) ?? ''), deviceStatuses[d.status]?.zh ?? d.status, d.account ?? '', ...siteCellsOf(d.site)];
    });
  }
  if (kind === 'org-units') {
    // a county has a few thousand units: read them and keep those in the caller's subtree
    const units = await registry.orgUnits();
    return units.filter((o) => mayAt(ability, 'manage', 'Resident', o.path)).map((o) => [o.code, o.name]);
  }
  const users = (await registry.usersWithRoles()).filter((u) => mayAt(ability, 'manage', 'Resident', u.orgPath));
  return users.map((u) => [u.username, u.name, codeOf(u.orgPath), u.roles.join('、')]);
}
