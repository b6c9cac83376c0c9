/**
 * Imports of another package go through its declared exports without a `.ts` extension
 * (`@tongban/definitions/calendars`, not `@tongban/definitions/calendars/index.ts`): the production
 * build rewrites relative `.ts` imports to `.js`, but not a bare package subpath, so such an import
 * would fail `tsc -p tsconfig.build.json` (TS2877) and with it `npm start`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './startTongban.ts';

const SKIP = new Set(['node_modules', 'build', 'dist', 'storybook-static', '.git', 'data', 'coverage', '.tmp']);

function sources(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) { if (!SKIP.has(e.name)) sources(path.join(dir, e.name), out); }
    else if (/\.(ts|tsx|mts|mjs)$/.test(e.name)) out.push(path.join(dir, e.name));
  }
  return out;
}

describe('package imports', () => {
  it('never name a .ts file inside another @tongban package', () => {
    const offenders: string[] = [];
    for (const file of sources(repoRoot)) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (/from\s+['"]@tongban\/[^'"]+\.tsx?['"]|import\(\s*['"]@tongban\/[^'"]+\.tsx?['"]/.test(line)) offenders.push(`${path.relative(repoRoot, file)}:${i + 1}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
