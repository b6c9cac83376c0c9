/**
 * Issue 9 item 4 (`npm run bench -- registryImport`): a 10,000-resident spreadsheet (.xlsx) through
 * the importer on SQLite — the dry run (read, check every row, look up ID numbers and phones by keyed
 * hash), the all-or-nothing import, and a re-import that finds every row unchanged — against a
 * baseline measured in the same run: a raw knex batch insert of the same rows, already sealed.
 * The ratio is what the checking and the spreadsheet cost on top of writing.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { line } from '../../bench/stats.ts';
import { createTestRuntime } from '../testing/testRuntime.ts';
import { createTestDb } from '../testing/testDbs.ts';
import { runImport } from '../registry/import/runImport.ts';
import { idNumber, xlsxOf, type TestCell } from '../registry/import/testing/makeSheet.ts';
import { residentRow, normalizeResident } from '../registry/residents/residentRecord.ts';
import { insertChunks } from '../registry/import/importContext.ts';

const ROWS = Number(process.env.TONGBAN_BENCH_IMPORT_ROWS ?? 10_000);
const GRIDS = ['510722100001001', '510722100001002', '510722100002001', '510722200001001'];

/** A county's sheet: distinct ID numbers and phones, four grids, a contact for every elder. */
function sheetRows(): TestCell[][] {
  const head = ['姓名', '身份证号', '手机号', '网格编码', '住址', '人员类别', '紧急联系人', '紧急联系人电话'];
  return [head, ...Array.from({ length: ROWS }, (_, i) => {
    const elder = i % 3 === 0;
    // a distinct birth date per row (28 days × 12 months × 60 years), so every ID number differs
    const birth = `${1930 + Math.floor(i / 336) % 60}${String(1 + Math.floor(i / 28) % 12).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
    return [`居民${i}`, idNumber('510722', birth, Math.floor(i / 20160)), `139${String(i).padStart(8, '0')}`, GRIDS[i % GRIDS.length]!,
      `幸福路${i % 200}号${i % 12}栋`, elder ? '独居老人、老年人' : '', elder ? `家属${i}` : '', elder ? `137${String(i).padStart(8, '0')}` : ''];
  })];
}

export async function run(): Promise<void> {
  const t = await createTestRuntime('sqlite', { guard: false });
  try {
    const principal = (await t.rt.principals.get('u-admin'))!;
    const ctx = { knex: t.db.knex, dialect: t.db.dialect, codec: t.rt.codec, ability: principal.ability, actor: { id: 'u-admin', roles: ['county-admin'] }, assignments: [{ role: 'county-admin', orgPath: '/510722' }], orgPaths: await t.rt.registry.orgPaths() };
    const rows = sheetRows();
    const bytes = await xlsxOf(rows);
    line('registry.import-10k.file', Math.round(bytes.length / 1024), 'KiB');
    let t0 = performance.now();
    const dry = await runImport('residents', bytes, 'dry-run', ctx);
    const dryMs = performance.now() - t0;
    if (dry.errors) throw new Error(`the bench sheet has problems: ${JSON.stringify(dry.problems.slice(0, 3))}`);
    t0 = performance.now();
    const applied = await runImport('residents', bytes, 'apply', ctx);
    const applyMs = performance.now() - t0;
    t0 = performance.now();
    const again = await runImport('residents', bytes, 'apply', ctx);
    const againMs = performance.now() - t0;
    if (applied.created !== ROWS || again.unchanged !== ROWS) throw new Error(`unexpected counts: ${applied.created} created, ${again.unchanged} unchanged`);
    // baseline: the same residents, sealed beforehand, written by a raw batch insert into a fresh store
    const base = await createTestDb('sqlite', { guard: false });
    const at = Date.now();
    const sealed = rows.slice(1).map((r, i) => residentRow(`r-${i}`, normalizeResident({ name: String(r[0]), idNumber: String(r[1]), phone: String(r[2]), orgPath: `/510722/${String(r[3]).slice(0, 9)}/${String(r[3]).slice(0, 12)}/${r[3]}` }), t.rt.codec, { version: 1, createdAt: at, at }));
    t0 = performance.now();
    await base.knex.transaction((trx) => insertChunks(trx, 'residents', sealed));
    const baseMs = performance.now() - t0;
    await base.dispose();
    line('registry.import-10k.sqlite.dry-run', Math.round(dryMs), 'ms');
    line('registry.import-10k.sqlite.import', Math.round(applyMs), 'ms');
    line('registry.import-10k.sqlite.dry-run+import', Math.round(dryMs + applyMs), 'ms');
    line('registry.import-10k.sqlite.reimport-unchanged', Math.round(againMs), 'ms');
    line('registry.import-10k.sqlite.import.rate', Math.round(ROWS / (applyMs / 1000)), 'rows/s');
    line('registry.import-10k.sqlite.baseline-knex-batch-insert', Math.round(baseMs), 'ms');
    line('registry.import-10k.sqlite.ratio-to-baseline', (dryMs + applyMs) / baseMs, 'x');
  } finally {
    // the runtime closes its store; the test handle's dispose would close it a second time, which the
    // WAL checkpointer thread (on without the guard, as in production) never answers
    await t.rt.close();
    rmSync(dirname(t.db.sqliteFile!), { recursive: true, force: true });
  }
}

