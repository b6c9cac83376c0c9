import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
const bin = join(root, 'runtime/bin/tongban.mjs');
const fixture = join(root, 'engine/src/run/fixtures/approval.json');

function cli(...args: string[]): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    return { code: e.status, out: e.stdout + e.stderr };
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'tongban-cli-'));
const write = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe('tongban CLI', () => {
  it('validate: 0 for a clean file, 1 for schema errors, 2 for unusable input', () => {
    expect(cli('validate', fixture).code).toBe(0);
    const bad = write('bad.json', JSON.stringify({ id: 'x', version: 1, schemaVersion: 1 }));
    const r = cli('validate', bad, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).diagnostics.map((d: { code: string; path: string }) => `${d.code} ${d.path}`)).toContain('schema.required /title');
    expect(cli('validate', write('broken.json', '{"id": ')).code).toBe(2);
    expect(cli('validate', join(tmp, 'missing.json')).code).toBe(2);
    expect(cli('validate').code).toBe(2);
  });
  it('lint runs the semantic checks', () => {
    const r = cli('lint', fixture);
    expect(r.out).toContain('0 个错误 error(s)');
  });
  it('simulate prints the path, tasks with assignees, timers and the final state', () => {
    const r = cli('simulate', fixture, '--script', join(root, 'engine/src/simulate/fixtures/approval.script.json'), '--directory', join(root, 'engine/src/simulate/fixtures/directory.json'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('+ 待办 task demo-1:t4 @review → co1 期限 due 2026-03-02 11:00 +08:00');
    expect(r.out).toContain('timer sla.warn');
    expect(r.out).toContain('最终状态 Final state: "done" (done, outcome approved)');
    const j = cli('simulate', fixture, '--script', join(root, 'engine/src/simulate/fixtures/approval.script.json'), '--directory', join(root, 'engine/src/simulate/fixtures/directory.json'), '--json');
    expect(JSON.parse(j.out).final.value).toBe('done');
  });
  it('simulate exits 1 when an event is refused, 2 for a bad script', () => {
    const script = write('s.json', JSON.stringify({ case: { orgPath: '/510722/510722100/510722100001/510722100001001', by: 'gw1', at: '2026-03-02T09:00:00+08:00' }, steps: [{ act: 'approve', by: 'co1' }] }));
    expect(cli('simulate', fixture, '--script', script, '--directory', join(root, 'engine/src/simulate/fixtures/directory.json')).code).toBe(1);
    expect(cli('simulate', fixture, '--script', write('t.json', '[]')).code).toBe(2);
  });
  it('an unknown command exits 2', () => {
    expect(cli('frobnicate').code).toBe(2);
  });
});
