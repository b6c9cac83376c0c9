/** A crashing adapter in a real `tongban start` process: the server keeps serving, and logs a code without the error text. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('tongban start with a crashing adapter', () => {
  it('keeps serving after the adapter throws from a timer and leaves a rejected promise', async () => {
    const child = spawn(process.execPath, [join(root, 'runtime/bin/tongban.mjs'), 'start'], {
      cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: '0', TONGBAN_SEED: 'false', TONGBAN_JOBS: 'off', LOG_LEVEL: 'info', TONGBAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'tongban-crash-')),
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
      await new Promise((r) => setTimeout(r, 800)); // the adapter's timer has thrown by now
      expect(child.exitCode).toBeNull();
      expect((await fetch(`${url}/api/openapi.json`)).status).toBe(200);
      expect(out).toContain('process.uncaught-exception');
      expect(out).toContain('process.unhandled-rejection');
      expect(out).not.toContain('13812345678');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, 60_000);
});
