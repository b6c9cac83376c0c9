/**
 * Starts `tongban start` as a child process on a data folder and measures how long it takes until
 * the API answers; used by the start-up bench and the production-build test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const builtBin = fileURLToPath(new URL('../../build/runtime/bin/tongban.mjs', import.meta.url));
export const sourceBin = fileURLToPath(new URL('../../runtime/bin/tongban.mjs', import.meta.url));

export interface Started { child: ChildProcess; url: string; ms: number; output: () => string }

/** Spawns the CLI and resolves once `/api/client-config` answers 200 (or rejects when it exits first). */
export async function startTongban(bin: string, env: Record<string, string>, port: number): Promise<Started> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, 'start'], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'development', PORT: String(port), TONGBAN_SKIP_WORKBENCH_BUILD: '1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => { out += String(d); });
  child.stderr!.on('data', (d) => { out += String(d); });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`tongban start exited (${code}):\n${out.slice(-2000)}`))));
  const url = `http://127.0.0.1:${port}`;
  const ready = (async () => {
    for (;;) {
      try {
        const res = await fetch(`${url}/api/client-config`);
        if (res.ok) return;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  await Promise.race([ready, exited]);
  return { child, url, ms: performance.now() - t0, output: () => out };
}

/** SIGTERM, then wait for the exit. */
export async function stopTongban(s: Started): Promise<void> {
  if (s.child.exitCode !== null) return;
  const gone = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await gone;
}
