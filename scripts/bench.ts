/**
 * `npm run bench`: runs every benchmark module, one after the other on one thread, and lets each
 * print `bench <name> <value> <unit>` lines plus its summary. Modules export `run(): Promise<void>`:
 *  - `<package>/src/bench/**\/*.bench.ts` in every workspace package (the engine's today);
 *  - `test/**\/*.bench.ts` (cross-package: the five service items' scenarios through the engine);
 *  - `runtime/bench/index.ts` (the runtime's, once it exists; skipped with a reason until then).
 * Usage: `npm run bench [-- <substring filter>]`. Run with `node --expose-gc` for memory figures.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2];

function benchFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules' && e.name !== 'fixtures') out.push(...benchFiles(full));
    else if (e.isFile() && e.name.endsWith('.bench.ts')) out.push(full);
  }
  return out.sort();
}

function workspaceDirs(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { workspaces?: string[] };
  return (pkg.workspaces ?? []).flatMap((w) => {
    if (!w.endsWith('/*')) return [path.join(root, w)];
    const parent = path.join(root, w.slice(0, -2));
    return existsSync(parent) ? readdirSync(parent, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(parent, e.name)) : [];
  });
}

type BenchModule = { run?: () => Promise<void> };

async function runModule(file: string): Promise<boolean> {
  const rel = path.relative(root, file);
  const mod = (await import(pathToFileURL(file).href)) as BenchModule;
  if (typeof mod.run !== 'function') {
    console.log(`skip ${rel}: it does not export run(): Promise<void>`);
    return true;
  }
  console.log(`# ${rel}`);
  try {
    await mod.run();
    return true;
  } catch (err) {
    console.error(`bench failed: ${rel}: ${(err as Error).stack ?? String(err)}`);
    return false;
  }
}

const modules = [...workspaceDirs().flatMap((dir) => benchFiles(path.join(dir, 'src', 'bench'))), ...benchFiles(path.join(root, 'test'))];
const runtimeBench = path.join(root, 'runtime', 'bench', 'index.ts');

if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
  console.log('# note: global.gc is not exposed, so memory figures are skipped; run `node --expose-gc --import tsx scripts/bench.ts`');
}
let ok = true;
for (const file of modules) {
  if (filter && !path.relative(root, file).includes(filter)) continue;
  ok = (await runModule(file)) && ok;
}
if (!filter || 'runtime/bench/index.ts'.includes(filter)) {
  if (existsSync(runtimeBench)) ok = (await runModule(runtimeBench)) && ok;
  else console.log('skip runtime/bench/index.ts: the runtime benchmark does not exist yet');
}
process.exitCode = ok ? 0 : 1;
