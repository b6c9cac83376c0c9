#!/usr/bin/env node
/**
 * Dependency-direction check (DESIGN.md §2, CONVENTIONS.md 2). Arrows may only point this way:
 *
 *   definitions ← engine ← plugins/host ← runtime        plugins/sdk ← adapters
 *   designer, workbench, examples → engine (pure parts)  runtime → examples (seed / simulate CLI)
 *   workbench → designer (the shell lazily mounts the designer at /designer)
 *
 * For every workspace package (a folder with a package.json, placed by the LAYERS table) it checks:
 *  1. package.json lists only `@tongban/*` packages the direction allows;
 *  2. every source import of `@tongban/x` is allowed by the direction AND listed in package.json
 *     (`dependencies`/`peerDependencies`/`optionalDependencies`; tests may also use `devDependencies`);
 *  3. relative imports never leave the package folder (`../../runtime/src/x` from engine);
 *  4. the package is a workspace of the root package.json (else `@tongban/x` would not resolve).
 *
 * Usage: `node scripts/check-deps.mjs [root]`. Prints `file:line: why` per violation, exits 1 on any.
 * Imports are found with TypeScript's scanner (`ts.preProcessFile`), so comments and strings are
 * not mistaken for imports, and `import type`, `export … from`, `import()` and `require()` all count.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

/** Where each layer lives (folder relative to the root; `*` is one folder level) and what it may import directly. */
export const LAYERS = [
  { layer: 'definitions', dir: 'definitions', uses: [] },
  { layer: 'engine', dir: 'engine', uses: ['definitions'] },
  { layer: 'plugins/sdk', dir: 'plugins/sdk', uses: [] },
  { layer: 'plugins/host', dir: 'plugins/host', uses: ['engine', 'plugins/sdk'] },
  // the CLI's `seed` and `simulate` load the sample county and demo scenarios from examples
  { layer: 'runtime', dir: 'runtime', uses: ['plugins/host', 'examples'] },
  { layer: 'adapters', dir: 'adapters/*', uses: ['plugins/sdk'] },
  { layer: 'designer', dir: 'designer', uses: ['engine'] },
  // the shell mounts the designer at /designer, importing the package lazily (workbench/vite.config.ts)
  { layer: 'workbench', dir: 'workbench', uses: ['engine', 'designer'] },
  // data and scenarios over the pure engine; drives the runtime over HTTP, never by import
  { layer: 'examples', dir: 'examples', uses: ['engine'] },
];

const DIRECTION = 'definitions ← engine ← plugins/host ← runtime; plugins/sdk ← adapters';
const SKIP_DIRS = new Set(['node_modules', '.git', 'fixtures', 'dist', 'build', 'coverage', 'data', '.tmp', 'storybook-static']);
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const TEST = /(?:\.(?:test|spec|bench)\.[cm]?[jt]sx?$)|(?:^|\/)(?:test|tests|__tests__|bench)\//;
const RUNTIME_DEPS = ['dependencies', 'peerDependencies', 'optionalDependencies'];

/** Layers each layer may reach, directly or through the layers it uses. */
function closure() {
  const direct = new Map(LAYERS.map((l) => [l.layer, l.uses]));
  const out = new Map();
  for (const { layer } of LAYERS) {
    const seen = new Set();
    const stack = [...direct.get(layer)];
    while (stack.length) {
      const next = stack.pop();
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(direct.get(next) ?? []));
    }
    out.set(layer, seen);
  }
  return out;
}

function layerOf(relDir) {
  for (const l of LAYERS) {
    const re = new RegExp('^' + l.dir.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+') + '$');
    if (re.test(relDir)) return l.layer;
  }
  return undefined;
}

const posix = (p) => p.split(path.sep).join('/');

function walk(dir, onFile, skipRoot = false) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(full, onFile);
    } else if (entry.isFile() && !skipRoot) onFile(full);
  }
}

function lineOf(text, pos) {
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function jsonLine(text, needle) {
  const i = text.indexOf(needle);
  return i < 0 ? 1 : lineOf(text, i);
}

function workspaceGlobs(root) {
  const file = path.join(root, 'package.json');
  if (!existsSync(file)) return [];
  const ws = JSON.parse(readFileSync(file, 'utf8')).workspaces;
  const list = Array.isArray(ws) ? ws : ws?.packages ?? [];
  return list.map((g) => new RegExp('^' + posix(g).replace(/\/$/, '').split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+') + '$'));
}

/** Finds the workspace packages under `root` (every package.json except the root's, outside skipped folders). */
export function findPackages(root) {
  const pkgs = [];
  walk(root, (file) => {
    if (path.basename(file) !== 'package.json') return;
    const dir = path.dirname(file);
    const rel = posix(path.relative(root, dir));
    const text = readFileSync(file, 'utf8');
    let json;
    try {
      json = JSON.parse(text);
    } catch (err) {
      json = { parseError: String(err.message) };
    }
    pkgs.push({ dir, rel, file, text, json, name: json.name, layer: layerOf(rel) });
  }, true);
  return pkgs.sort((a, b) => a.rel.localeCompare(b.rel));
}

/** Runs every check under `root`; returns the violations (never throws for a bad tree) and counts. */
export function checkDeps(root) {
  root = path.resolve(root);
  const violations = [];
  const add = (file, line, message) => violations.push({ file: posix(path.relative(root, file)) || '.', line, message });
  const reach = closure();
  const pkgs = findPackages(root);
  const byName = new Map(pkgs.filter((p) => p.name).map((p) => [p.name, p]));
  const workspaces = workspaceGlobs(root);
  const stats = { packages: pkgs.length, files: 0, imports: 0 };

  const allowed = (p) => [...(reach.get(p.layer) ?? [])].sort().flatMap((l) => {
    const names = pkgs.filter((q) => q.layer === l && q.name).map((q) => q.name);
    return names.length ? names : [`${l}/`];
  });
  const why = (p) => {
    const list = allowed(p);
    return `${p.layer} may depend only on ${list.length ? list.join(', ') : 'no other @tongban package'} (direction: ${DIRECTION})`;
  };

  for (const p of pkgs) {
    if (p.json.parseError) {
      add(p.file, 1, `package.json does not parse: ${p.json.parseError}`);
      continue;
    }
    if (!p.layer) {
      add(p.file, 1, `package ${p.name ?? p.rel} at ${p.rel}/ has no place in the dependency direction: add its folder and allowed dependencies to LAYERS in scripts/check-deps.mjs`);
      continue;
    }
    if (workspaces.length && !workspaces.some((re) => re.test(p.rel))) {
      add(path.join(root, 'package.json'), jsonLine(readFileSync(path.join(root, 'package.json'), 'utf8'), '"workspaces"'),
        `${p.rel}/ (${p.name}) is not listed in the root package.json workspaces, so '${p.name}' will not resolve for its users`);
    }
    // 1. package.json dependencies
    for (const field of [...RUNTIME_DEPS, 'devDependencies']) {
      for (const dep of Object.keys(p.json[field] ?? {})) {
        if (!dep.startsWith('@tongban/')) continue;
        const target = byName.get(dep);
        const line = jsonLine(p.text, `"${dep}"`);
        if (!target) add(p.file, line, `${field} lists ${dep}, which is not a package of this repository`);
        else if (target !== p && !reach.get(p.layer).has(target.layer)) add(p.file, line, `${field} lists ${dep} (${target.layer}), against the direction: ${why(p)}`);
      }
    }
    // 2 + 3. source imports
    const listed = new Set(RUNTIME_DEPS.flatMap((f) => Object.keys(p.json[f] ?? {})));
    const listedDev = new Set(Object.keys(p.json.devDependencies ?? {}));
    walk(p.dir, (file) => {
      if (!SOURCE.test(file)) return;
      const rel = posix(path.relative(p.dir, file));
      if (file !== p.file && pkgs.some((q) => q !== p && (file + path.sep).startsWith(q.dir + path.sep))) return; // nested package
      stats.files++;
      const text = readFileSync(file, 'utf8');
      const isTest = TEST.test(rel);
      for (const { fileName: spec, pos } of ts.preProcessFile(text, true, true).importedFiles) {
        stats.imports++;
        const line = lineOf(text, pos);
        if (spec.startsWith('@tongban/')) {
          const name = spec.split('/').slice(0, 2).join('/');
          const target = byName.get(name);
          if (target === p) continue;
          if (!target) add(file, line, `imports '${spec}': ${name} is not a package of this repository`);
          else if (!reach.get(p.layer).has(target.layer)) add(file, line, `imports '${spec}' (${target.layer}) against the direction: ${why(p)}`);
          else if (!listed.has(name) && !(isTest && listedDev.has(name))) {
            add(file, line, `imports '${spec}' but ${p.rel}/package.json does not list ${name} in dependencies${isTest ? ' or devDependencies' : ''}: each package lists what it uses`);
          }
        } else if (spec.startsWith('.') || path.isAbsolute(spec)) {
          const resolved = path.resolve(path.dirname(file), spec);
          if ((resolved + path.sep).startsWith(p.dir + path.sep)) continue;
          const owner = pkgs.find((q) => (resolved + path.sep).startsWith(q.dir + path.sep));
          const into = posix(path.relative(root, resolved));
          const hint = !owner?.name
            ? 'a package uses only its own files and the packages it lists in package.json'
            : reach.get(p.layer).has(owner.layer)
              ? `packages meet only through their public entry: import '${owner.name}' (listed in package.json) instead`
              : `packages meet only through '@tongban/*' imports, and ${owner.name} is not allowed at all: ${why(p)}`;
          add(file, line, `relative import '${spec}' leaves ${p.rel}/ (into ${into}): ${hint}`);
        }
      }
    });
  }
  violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { violations, stats };
}

function main() {
  const root = process.argv[2] ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const { violations, stats } = checkDeps(root);
  for (const v of violations) console.error(`${v.file}:${v.line}: ${v.message}`);
  if (violations.length) {
    console.error(`check-deps: ${violations.length} violation(s) of the dependency direction (${DIRECTION})`);
    process.exit(1);
  }
  console.log(`check-deps: ok — ${stats.packages} packages, ${stats.files} files, ${stats.imports} imports`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
