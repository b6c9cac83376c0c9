/**
 * Runs the README's `npm start` for browser tests: a free port, a fresh SQLite data folder, the
 * sample county seeded; the production build made by `prestart` when stale. Returns the URL, a
 * small API client and how to stop it (the process group, by its own pid).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../runtime/src/testing/spawnTongban.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A started app. */
export interface App {
  url: string;
  dataDir: string;
  api(method: string, p: string, o?: { token?: string; body?: unknown }): Promise<{ status: number; body: any }>;
  token(username: string): Promise<string>;
  stop(): Promise<void>;
}

/** Starts `npm start` and waits until it answers. */
export async function startApp(env: Record<string, string> = {}): Promise<App> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tongban-journey-'));
  const child: ChildProcess = spawn('npm', ['start'], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), TONGBAN_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env } });
  let log = '';
  child.stdout!.on('data', (d) => { log += String(d); });
  child.stderr!.on('data', (d) => { log += String(d); });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000; // a first build on a busy 2-core machine takes a while
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}:\n${log}`);
    const ok = await fetch(url + '/api/client-config').then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`npm start did not answer within 240 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const tokens = new Map<string, string>();
  const api: App['api'] = async (method, p, o = {}) => {
    const res = await fetch(url + p, { method, headers: { 'content-type': 'application/json', ...(o.token ? { authorization: `Bearer ${o.token}` } : {}) }, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
    const text = await res.text();
    let body: unknown = text;
    try { body = JSON.parse(text); } catch { /* text */ }
    return { status: res.status, body };
  };
  return {
    url, dataDir, api,
    async token(username) {
      if (!tokens.has(username)) {
        const r = await api('POST', '/api/auth/login', { body: { username, password: 'Tongban@2025' } });
        if (r.status !== 200) throw new Error(`login ${username}: ${JSON.stringify(r.body)}`);
        tokens.set(username, r.body.token);
      }
      return tokens.get(username)!;
    },
    async stop() {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(-child.pid, 'SIGTERM'); // the group npm started: npm, node, the server
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        // npm may exit before the server it started: wait for the whole group, which drains and exits
        // on SIGTERM; one still running after 10 s more is killed, so nothing writes into the folder we remove
        const groupAlive = () => { try { process.kill(-child.pid!, 0); return true; } catch { return false; } };
        for (let i = 0; i < 50 && groupAlive(); i++) await new Promise((r) => setTimeout(r, 200));
        if (groupAlive()) {
          try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone meanwhile */ }
          for (let i = 0; i < 25 && groupAlive(); i++) await new Promise((r) => setTimeout(r, 200));
        }
      }
      // a file the server's last write (WAL checkpoint, attachment) created while the folder was being
      // removed makes rmdir fail with ENOTEMPTY once: try again
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    },
  };
}
