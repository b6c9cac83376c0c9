/**
 * A spreadsheet import, dry run or for real: read → header check → every row checked (problems with
 * row and column) → in `apply` mode, only when no row has an error, every write in one transaction
 * with one audit entry; nothing is half-imported. Re-importing the same sheet reports it unchanged.
 */
import { RefusedError } from '../../errors/DomainError.ts';
import { appendAudit } from '../../audit/KnexAuditLog.ts';
import { importColumns, type ImportKind } from './importColumns.ts';
import { readSheet } from './readSheet.ts';
import { sheetRecords } from './sheetRecords.ts';
import { ProblemList, type ImportReport, type InitialPassword } from './importReport.ts';
import type { ImportContext, KindImporter } from './importContext.ts';
import { residentImporter } from './residentImport.ts';
import { deviceImporter } from './deviceImport.ts';
import { orgUnitImporter } from './orgUnitImport.ts';
import { userImporter } from './userImport.ts';
import { knexIdentityWriters, type IdentityWriters } from './identityWriters.ts';

/** The importer of each kind. */
export function importers(writers: IdentityWriters = knexIdentityWriters): Record<ImportKind, KindImporter> {
  return { 'org-units': orgUnitImporter(writers), users: userImporter(writers), residents: residentImporter, devices: deviceImporter };
}

/** Problems reported in full up to this many; the counts always cover all. */
const MAX_REPORTED = 5000;

/** Runs an import; `apply` with errors is refused (`import.has-problems`, the report in its details). */
export async function runImport(kind: ImportKind, bytes: Buffer, mode: 'dry-run' | 'apply', ctx: ImportContext, kinds = importers()): Promise<ImportReport> {
  const columns = importColumns[kind];
  const idHeaders = new Set(columns.filter((c) => c.kind === 'id-number').flatMap((c) => [c.zh, c.en, c.key]));
  const sheet = await readSheet(bytes, (h) => idHeaders.has(h.replace(/[*＊]$/, '').trim()));
  const problems = new ProblemList();
  const records = sheetRecords(sheet, columns, problems);
  const plan = await kinds[kind].plan(records, problems, ctx);
  const errors = problems.errors;
  const sorted = problems.items.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  const report: ImportReport = {
    kind, mode, applied: false, rows: records.length, created: plan.created, updated: plan.updated, unchanged: plan.unchanged,
    errors, warnings: problems.items.length - errors, problems: sorted.slice(0, MAX_REPORTED),
  };
  if (mode === 'dry-run') return report;
  if (errors) throw new RefusedError('import.has-problems', { report });
  let issued: InitialPassword[] = [];
  if (plan.created + plan.updated > 0) {
    await ctx.knex.transaction(async (trx) => {
      issued = (await plan.write(trx)) ?? [];
      const orgPath = commonAncestor(plan.orgPaths) ?? undefined;
      // who got an initial password is recorded (usernames), the passwords never are
      await appendAudit(trx, ctx.dialect, [{ at: Date.now(), actorId: ctx.actor.id, actorRoles: ctx.actor.roles, orgPath, action: 'registry.import',
        detail: { kind, rows: records.length, created: plan.created, updated: plan.updated, unchanged: plan.unchanged, orgUnits: plan.orgPaths.slice(0, 200),
          ...(issued.length ? { initialPasswordsIssued: issued.map((p) => p.username).slice(0, 1000) } : {}) } }]);
    });
  }
  return { ...report, applied: true, ...(issued.length ? { initialPasswords: issued } : {}) };
}

/** The deepest org path above every path (the audit entry's scope: whoever may read all of them). */
function commonAncestor(paths: string[]): string | undefined {
  if (!paths.length) return undefined;
  let parts = paths[0]!.split('/').filter(Boolean);
  for (const p of paths.slice(1)) {
    const q = p.split('/').filter(Boolean);
    let i = 0;
    while (i < parts.length && parts[i] === q[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.length ? '/' + parts.join('/') : undefined;
}
