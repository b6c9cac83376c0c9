#!/usr/bin/env node
/**
 * The production build of the server side: `tsc -p tsconfig.build.json` compiles every server
 * package (definitions, engine, plugins, adapters, runtime, examples) to JavaScript with
 * declaration files under `build/`, mirroring the repository's layout so that every path a
 * module computes from `import.meta.url` (seed data, migrations, the workbench's dist, a plugin
 * worker's bootstrap) means the same thing in `build/` as in the sources. Then:
 *
 * - non-TypeScript files each package reads at run time (JSON data, `.mjs` entries, README) are
 *   copied beside the JavaScript;
 * - each package.json is rewritten so its exports name `.js` and `.d.ts` files instead of `.ts`
 *   (a `./*.ts` subpath maps to the `.js` beside it, so `@tongban/definitions/calendars`
 *   keeps working in built code);
 * - `build/node_modules/@tongban/*` link the built packages to each other, and third-party
 *   packages resolve from the repository's own node_modules (build/ sits inside it).
 *
 * Why a mirror and not a `dist/` per package with `exports` conditions: the sources are run
 * directly by vitest, tsx and the designer's Vite build; a mirror leaves all of that untouched.
 *
 * `node scripts/build.mjs` (what `npm run build` and `npm start` run) skips the compile when the
 * hash of the inputs matches the stamp of the last build. `--force` rebuilds.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The server-side workspaces, as folders relative to the root. */
export function serverPackages(base = root) {
  const adapters = readdirSync(path.join(base, 'adapters'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(base, 'adapters', e.name, 'package.json')))
    .map((e) => `adapters/${e.name}`);
  return ['definitions', 'engine', 'plugins/sdk', 'plugins/host', ...adapters, 'runtime', 'examples'];
}

const SKIP_DIRS = new Set(['node_modules', 'dist', 'bench', 'fixtures', 'storybook-static', '.tmp', 'coverage', 'data']);
const isSource = (name) => /\.(ts|tsx|mts|cts)$/.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.d.mts');
const isTestish = (name) => /\.(test|bench|stories)\.(ts|tsx)$/.test(name);

function walk(dir, visit, rel = '') {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(path.join(dir, e.name), visit, path.join(rel, e.name));
    } else visit(path.join(dir, e.name), path.join(rel, e.name), e.name);
  }
}

/** The hash of everything the build reads. */
export function buildInputsHash(base = root) {
  const h = createHash('sha256');
  const files = [];
  for (const pkg of serverPackages(base)) walk(path.join(base, pkg), (full) => files.push(full));
  for (const f of ['tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs', 'package-lock.json']) files.push(path.join(base, f));
  for (const f of files.sort()) {
    h.update(path.relative(base, f)).update('\0');
    h.update(readFileSync(f)).update('\0');
  }
  return h.digest('hex');
}

/** A package.json whose exports point at the compiled files. */
export function builtManifest(manifest) {
  const toJs = (target) => {
    if (typeof target !== 'string') return target;
    if (!/\.(ts|tsx)$/.test(target) || target.endsWith('.d.ts')) return target;
    const base = target.replace(/\.(ts|tsx)$/, '');
    return { types: `${base}.d.ts`, default: `${base}.js` };
  };
  const out = { ...manifest };
  if (manifest.exports && typeof manifest.exports === 'object') {
    const exports = {};
    for (const [key, target] of Object.entries(manifest.exports)) {
      // `./*` exposes every file: `.ts` subpaths go to their compiled twins, the rest as they are
      if (key.endsWith('/*') && target === key) exports[`${key}.ts`] = { types: `${key}.d.ts`, default: `${key}.js` };
      exports[key] = toJs(target);
    }
    out.exports = exports;
  }
  delete out.devDependencies;
  delete out.scripts;
  return out;
}

function copyAssets(base, outRoot) {
  for (const pkg of serverPackages(base)) {
    const from = path.join(base, pkg);
    walk(from, (full, rel, name) => {
      if (isSource(name) || isTestish(name)) return;
      if (/\.test\.(mjs|js)$/.test(name)) return;
      const to = path.join(outRoot, pkg, rel);
      mkdirSync(path.dirname(to), { recursive: true });
      if (name === 'package.json' && rel === 'package.json') {
        writeFileSync(to, JSON.stringify(builtManifest(JSON.parse(readFileSync(full, 'utf8'))), null, 2) + '\n');
      } else cpSync(full, to);
    });
  }
}

function replaceLink(target, link) {
  rmSync(link, { recursive: true, force: true });
  mkdirSync(path.dirname(link), { recursive: true });
  symlinkSync(target, link);
}

function linkPackages(base, outRoot) {
  for (const pkg of serverPackages(base)) {
    const { name } = JSON.parse(readFileSync(path.join(base, pkg, 'package.json'), 'utf8'));
    const link = path.join(outRoot, 'node_modules', name);
    replaceLink(path.relative(path.dirname(link), path.join(outRoot, pkg)), link);
    // a workspace's own node_modules (versions npm could not hoist) stays where npm put it
    const own = path.join(base, pkg, 'node_modules');
    if (existsSync(own)) replaceLink(own, path.join(outRoot, pkg, 'node_modules'));
  }
  // the runtime serves ../../../workbench/dist relative to its http folder
  replaceLink(path.join(base, 'workbench', 'dist'), path.join(outRoot, 'workbench', 'dist'));
}

/** Builds into `outRoot`; returns whether a compile ran. */
export function build({ base = root, outRoot = path.join(base, 'build'), force = false, log = console.log } = {}) {
  const stampFile = path.join(outRoot, '.build-stamp.json');
  const hash = buildInputsHash(base);
  if (!force && existsSync(stampFile)) {
    try {
      if (JSON.parse(readFileSync(stampFile, 'utf8')).hash === hash) { log('build: up to date'); return false; }
    } catch { /* a broken stamp means rebuild */ }
  }
  const started = Date.now();
  const tsc = spawnSync(process.execPath, [path.join(base, 'node_modules/typescript/bin/tsc'), '-p', path.join(base, 'tsconfig.build.json')], { cwd: base, stdio: 'inherit' });
  if (tsc.status !== 0) throw new Error(`build: tsc failed (exit ${tsc.status})`);
  copyAssets(base, outRoot);
  linkPackages(base, outRoot);
  writeFileSync(stampFile, JSON.stringify({ hash, builtAt: new Date().toISOString() }) + '\n');
  log(`build: compiled ${serverPackages(base).length} packages into ${path.relative(base, outRoot) || '.'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    build({ force: process.argv.includes('--force') });
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
