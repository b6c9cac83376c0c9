#!/usr/bin/env node
/**
 * Runs before `npm start` (npm's `prestart`): builds the workbench when its production build is
 * missing or stale, so `npm ci && npm start` serves the current app and build output is never
 * committed. Stale = the hash of everything the build reads (workbench sources and config, the
 * engine and calendar data it imports, the designer workspace when present, the lock file)
 * differs from the hash stamped into workbench/dist/.build-stamp.json by the last build.
 * `TONGBAN_SKIP_WORKBENCH_BUILD=1` skips the check (an API-only deployment).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'workbench', 'dist');
const stampFile = path.join(dist, '.build-stamp.json');

/** Every input of the build, as sorted absolute file paths. */
export function buildInputs(base = root) {
  const files = [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (['node_modules', 'dist', 'storybook-static', '.tmp'].includes(e.name)) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (!/\.(test|stories)\.tsx?$/.test(e.name)) files.push(full);
    }
  };
  for (const d of ['workbench/src', 'workbench/vite-plugins', 'engine/src', 'definitions/calendars', 'designer/src']) walk(path.join(base, d));
  for (const f of ['workbench/index.html', 'workbench/vite.config.ts', 'workbench/package.json', 'designer/package.json', 'package-lock.json']) {
    if (existsSync(path.join(base, f))) files.push(path.join(base, f));
  }
  return files.sort();
}

/** The hash of the build's inputs (paths and contents). */
export function inputsHash(base = root) {
  const h = createHash('sha256');
  for (const f of buildInputs(base)) h.update(path.relative(base, f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

/** True when workbench/dist is missing or was built from other inputs. */
export function isStale(base = root) {
  const stamp = path.join(base, 'workbench', 'dist', '.build-stamp.json');
  if (!existsSync(path.join(base, 'workbench', 'dist', 'index.html')) || !existsSync(stamp)) return true;
  try {
    return JSON.parse(readFileSync(stamp, 'utf8')).hash !== inputsHash(base);
  } catch {
    return true;
  }
}

function main() {
  if (process.env.TONGBAN_SKIP_WORKBENCH_BUILD === '1') return;
  if (!isStale()) {
    console.log('workbench: build is current');
    return;
  }
  console.log('workbench: building the production bundle (its sources changed or it was never built) …');
  const started = Date.now();
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', path.join(root, 'workbench', 'vite.config.ts'), '--logLevel', 'warn'], { cwd: path.join(root, 'workbench'), stdio: 'inherit',
    // React's production build: without NODE_ENV the React plugin compiles the development JSX runtime
    env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) {
    console.error('workbench: the build failed (see above); the API will still start, but / answers 503 until it builds');
    process.exit(r.status ?? 1);
  }
  writeFileSync(stampFile, JSON.stringify({ hash: inputsHash(), builtAt: new Date().toISOString() }) + '\n');
  console.log(`workbench: built in ${((Date.now() - started) / 1000).toFixed(1)} s (${statSync(path.join(dist, 'index.html')).size} B index.html)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
