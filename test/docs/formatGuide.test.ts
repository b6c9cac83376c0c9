/**
 * The county admin's guide (docs/format.md) runs: every example it shows is validated, linted
 * (together, so sub-case inputs are checked against the child) and simulated through the CLI, and
 * each simulation ends where its script expects.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const dir = join(root, 'docs/examples');
const bin = join(root, 'runtime/bin/tongban.mjs');
const examples = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.script.json') && f !== 'directory.json').map((f) => f.replace(/\.json$/, ''));

function cli(...args: string[]): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    return { code: e.status, out: e.stdout + e.stderr };
  }
}

describe('docs/format.md', () => {
  it('links every example it runs, and is linked from the README', () => {
    const guide = readFileSync(join(root, 'docs/format.md'), 'utf8');
    expect(examples.length).toBeGreaterThanOrEqual(5);
    for (const e of examples) expect(guide).toContain(`examples/${e}.json`);
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('docs/format.md');
  });
  it('lints every example clean of errors and warnings', () => {
    const r = cli('lint', ...examples.map((e) => join(dir, `${e}.json`)), '--json');
    expect(r.code).toBe(0);
    const problems = r.out.split(/\n(?=\{)/).filter(Boolean).flatMap((chunk) => (JSON.parse(chunk) as { diagnostics: Array<{ severity: string; code: string; path: string }> }).diagnostics)
      .filter((d) => d.severity !== 'info');
    expect(problems).toEqual([]);
  });
  it.each(examples)('%s validates and its script simulates to the expected end', (name) => {
    expect(cli('validate', join(dir, `${name}.json`)).code).toBe(0);
    const r = cli('simulate', join(dir, `${name}.json`), '--script', join(dir, `${name}.script.json`), '--directory', join(dir, 'directory.json'), '--json');
    const result = JSON.parse(r.out) as { ok: boolean; records: Array<{ label: string; accepted: boolean; diagnostics: unknown[] }> };
    expect(result.records.filter((x) => !x.accepted)).toEqual([]);
    expect(r.code).toBe(0);
    expect(result.ok).toBe(true);
  });
});
