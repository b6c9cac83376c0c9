/**
 * Before any test file runs: the production builds that `npm start` would make (the workbench bundle
 * and the compiled server), once. Browser journeys start `npm start`, whose `prestart` then finds
 * both current; test files running side by side never build into the same folder at once.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export default function setup(): void {
  for (const script of ['scripts/ensureWorkbenchBuild.mjs', 'scripts/build.mjs']) {
    const r = spawnSync(process.execPath, [path.join(root, script)], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${script} failed (exit ${r.status}): the tests that start the product need its build`);
  }
}
