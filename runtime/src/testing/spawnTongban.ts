/**
 * Runs `tongban start` as a real child process for tests of process roles, draining and chaos:
 * output collected, helpers to wait for a URL to answer and for the exit, and kill by pid only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createServer as createNetServer } from 'node:net';

const root = new URL('../../../', import.meta.url).pathname;
const bin = join(root, 'runtime/bin/tongban.mjs');

/** A started child. */
export interface TongbanProcess {
  child: ChildProcess;
  /** stdout and stderr so far */
  output(): string;
  /** resolves with the exit code (or the signal's name) */
  exited: Promise<number | string>;
  /** sends a signal to this child only */
  signal(sig: NodeJS.Signals): void;
}

/** Starts `tongban <args>` with `env` added to this process's environment. */
export function spawnTongban(args: string[], env: Record<string, string>): TongbanProcess {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, sig) => resolve(code ?? sig ?? -1)));
  return { child, output: () => out, exited, signal: (sig) => { if (child.exitCode === null && child.signalCode === null) child.kill(sig); } };
}

/** Polls `url` until `accept(status, body)` holds (or the child exits, which fails with its output). */
export async function waitFor(p: TongbanProcess | undefined, url: string, accept: (status: number, body: string) => boolean = (s) => s === 200, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  let done: number | string | undefined;
  void p?.exited.then((c) => { done = c; });
  for (;;) {
    if (done !== undefined) throw new Error(`the process exited (${done}) before ${url} answered:\n${p!.output().slice(-3000)}`);
    try {
      const res = await fetch(url, { headers });
      const body = await res.text();
      if (accept(res.status, body)) return { status: res.status, body };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A port free right now (bound to 0 and released), so tests that spawn processes never collide when run side by side. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
