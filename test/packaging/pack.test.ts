/**
 * The production build's packages stand on their own: `npm pack` of @tongban/engine (with the
 * @tongban/definitions it depends on) and of @tongban/plugin-sdk yields tarballs that install into an
 * empty project, type-check against their declaration files, and run under plain Node (no tsx).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './startTongban.ts';
// @ts-expect-error a plain .mjs script without declarations
import { build } from '../../scripts/build.mjs';

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const tsVersion = (JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/typescript/package.json'), 'utf8')) as { version: string }).version;

let project: string;
let tarballs: Record<string, string>;

beforeAll(() => {
  (build as (o: { log: (s: string) => void }) => boolean)({ log: () => {} });
  project = mkdtempSync(path.join(tmpdir(), 'tongban-pack-'));
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', project,
    path.join(repoRoot, 'build/definitions'), path.join(repoRoot, 'build/engine'), path.join(repoRoot, 'build/plugins/sdk')], repoRoot)) as { name: string; filename: string; files: { path: string }[] }[];
  tarballs = Object.fromEntries(packed.map((p) => [p.name, p.filename]));
  for (const p of packed) {
    // compiled code and declarations only: a `.ts` source in a tarball would not run under Node
    expect(p.files.filter((f) => /\.ts$/.test(f.path) && !f.path.endsWith('.d.ts')), p.name).toEqual([]);
  }
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts',
    ...Object.values(tarballs).map((f) => `./${f}`), `typescript@${tsVersion}`, '@types/node@20'], project);
}, 600_000);

afterAll(() => rmSync(project, { recursive: true, force: true }), 120_000);

const tsconfig = { compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] } };

function typecheck(source: string): { ok: boolean; output: string } {
  writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ ...tsconfig, files: ['check.ts'] }));
  writeFileSync(path.join(project, 'check.ts'), source);
  const r = spawnSync(process.execPath, [path.join(project, 'node_modules/typescript/bin/tsc')], { cwd: project, encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

describe('npm pack of the engine and the plugin SDK', () => {
  it('packs the three packages with compiled exports', () => {
    expect(Object.keys(tarballs).sort()).toEqual(['@tongban/definitions', '@tongban/engine', '@tongban/plugin-sdk']);
    const manifest = JSON.parse(readFileSync(path.join(project, 'node_modules/@tongban/engine/package.json'), 'utf8')) as { exports: Record<string, { types: string; default: string }> };
    expect(manifest.exports['.']).toEqual({ types: './src/index.d.ts', default: './src/index.js' });
  });

  it('type-checks an integrator\'s code against the installed declarations', () => {
    const r = typecheck(`
import { loadDefinition, lint, createWorkCalendar, type CaseSnapshot } from '@tongban/engine';
import { definePlugin, PermanentError } from '@tongban/plugin-sdk';
import gridIncident from '@tongban/definitions/service-items/grid-incident.json' with { type: 'json' };
const loaded = loadDefinition(gridIncident);
const n: number = loaded.ok ? lint(loaded.definition).length : -1;
const snapshot: CaseSnapshot | undefined = undefined;
export const plugin = definePlugin({ id: 'demo', version: '1.0.0', sdk: '^1', label: { 'zh-CN': '演示', en: 'Demo' }, operations: {} } as never);
export { n, snapshot, createWorkCalendar, PermanentError };
`);
    expect(r.output).toBe('');
    expect(r.ok).toBe(true);
  }, 600_000);

  it('rejects code that misuses the API (the declarations carry real types)', () => {
    const r = typecheck(`
import { parseDuration } from '@tongban/engine';
const x: string = parseDuration(42);
export { x };
`);
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/check\.ts\(\d+,\d+\): error TS/);
  }, 600_000);

  it('runs under plain Node: loads and lints a service item, the SDK defines a plugin', () => {
    writeFileSync(path.join(project, 'run.mjs'), `
import { loadDefinition, lint } from '@tongban/engine';
import { SDK_VERSION } from '@tongban/plugin-sdk';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const file = createRequire(import.meta.url).resolve('@tongban/definitions/service-items/grid-incident.json');
const loaded = loadDefinition(JSON.parse(readFileSync(file, 'utf8')));
const errors = lint(loaded.definition).filter((d) => d.severity === 'error');
console.log(JSON.stringify({ id: loaded.definition.id, errors: errors.length, sdk: SDK_VERSION }));
`);
    const out = execFileSync(process.execPath, ['run.mjs'], { cwd: project, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ id: 'grid-incident', errors: 0, sdk: '1.0.0' });
  }, 600_000);
});
