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

/** Ports this test process has handed out: never handed out twice. */
const handedOut = new Set<number>();
/** Below Linux's ephemeral range (32768–60999), which outgoing connections take their local ports from. */
const LOW = 20_000;
const HIGH = 32_767;

function tryListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createNetServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/**
 * A port free right now, for a child process to listen on. Not from port 0: the kernel hands those
 * out from the ephemeral range, where any outgoing connection of any test running beside us may
 * take it between our check and the child's listen (seen in CI: a chaos server found its port in
 * use). Picked at random below that range, checked free, and never given twice in this process.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (handedOut.has(port)) continue;
    if (await tryListen(port)) { handedOut.add(port); return port; }
  }
  throw new Error('no free port found below the ephemeral range');
}
