/** A crashing adapter in a real `tongban start` process: the server keeps serving, and logs a code without the error text. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe.each([
  ['inline', ['process.uncaught-exception', 'process.unhandled-rejection']],
  ['worker', ['plugin.crashed']],
] as const)('tongban start with a crashing adapter (%s)', (isolation, codes) => {
  it('keeps serving after the adapter throws from a timer and leaves a rejected promise', async () => {
    const child = spawn(process.execPath, [join(root, 'runtime/bin/tongban.mjs'), 'start'], {
      cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: '0', TONGBAN_SEED: 'false', TONGBAN_JOBS: 'off', LOG_LEVEL: 'info', TONGBAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'tongban-crash-')), TONGBAN_ADAPTER_ISOLATION: isolation,
        TONGBAN_ADAPTERS: fileURLToPath(new URL('../effects/fixtures/crashingPlugin.ts', import.meta.url)) },
    });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line in: ${out.slice(0, 2000)}`)), 30_000);
        child.stdout.on('data', () => { const m = /listening on (http:\/\/[\d.:]+)/.exec(out); if (m) { clearTimeout(timer); resolve(m[1]!); } });
      });
      const end = Date.now() + 15_000; // the adapter's timer throws 50 ms after its start (a worker first loads the module)
      while (!codes.every((c) => out.includes(c)) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      expect(child.exitCode).toBeNull();
      expect((await fetch(`${url}/api/openapi.json`)).status).toBe(200);
      for (const c of codes) expect(out).toContain(c);
      expect(out).not.toContain('13812345678');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, 60_000);
});
