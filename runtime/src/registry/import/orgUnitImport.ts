/**
 * Org units from a sheet (onboarding a township): 统计用区划代码 (9-digit township, 12-digit community)
 * and grids (the community's code + a 3-digit sequence); each unit's parent must exist already or come
 * in the same sheet; inside the admin's subtree; upserted by code (a new name renames).
 */
import { orgPathOf } from '../../identity/orgPath.ts';
import { mayAt } from '../registryScope.ts';
import type { ImportPlan, KindImporter } from './importContext.ts';
import type { IdentityWriters, OrgUnitWrite } from './identityWriters.ts';

/** The importer over the given writers. */
export function orgUnitImporter(writers: IdentityWriters): KindImporter {
  return {
    async plan(records, problems, ctx): Promise<ImportPlan> {
      const names = new Map(((await ctx.knex('org_units').select('path', 'name')) as Array<{ path: string; name: string }>).map((o) => [o.path, o.name]));
      const inSheet = new Set<string>();
      const units: Array<{ rec: (typeof records)[number]; unit: OrgUnitWrite }> = [];
      for (const rec of records) {
        const code = rec.values.code ?? '';
        const path = orgPathOf(code);
        if (!path) { if (code) problems.add(rec, 'code', 'org.bad-code'); continue; }
        if (inSheet.has(path)) { problems.add(rec, 'code', 'org-code.duplicate'); continue; }
        inSheet.add(path);
        if (!mayAt(ctx.ability, 'manage', 'Resident', path) || path.split('/').length <= 2) { problems.add(rec, 'code', 'org.out-of-scope'); continue; }
        if (!problems.hasError(rec.row)) units.push({ rec, unit: { path, code, name: rec.values.name ?? '' } });
      }
      for (const { rec, unit } of units) {
        const parent = unit.path.split('/').slice(0, -1).join('/');
        if (!names.has(parent) && !inSheet.has(parent)) problems.add(rec, 'code', 'org.no-parent');
      }
      const fine = units.filter((u) => !problems.hasError(u.rec.row));
      // parents first, so each insert finds its parent written
      const inserts = fine.filter((u) => !names.has(u.unit.path)).map((u) => u.unit).sort((a, b) => a.path.length - b.path.length);
      const renames = fine.filter((u) => names.has(u.unit.path) && names.get(u.unit.path) !== u.unit.name).map((u) => u.unit);
      return {
        created: inserts.length, updated: renames.length, unchanged: fine.length - inserts.length - renames.length,
        orgPaths: [...inserts, ...renames].map((u) => u.path),
        async write(trx) {
          await writers.insertOrgUnits(trx, inserts);
          for (const u of renames) await writers.renameOrgUnit(trx, u.path, u.name);
        },
      };
    },
  };
}
