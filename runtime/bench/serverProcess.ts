/** Forks ./server.ts and talks to it over IPC: its URL, floor runs, and shutdown. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A forked bench server. */
export interface ServerProcess { url: string; ask<T>(msg: unknown, key: string): Promise<T>; close(): Promise<void> }

function nextMessage<T>(child: ChildProcess, key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Record<string, unknown>) => {
      if (m.error) { child.off('message', onMessage); reject(new Error(String(m.error))); }
      else if (key in m) { child.off('message', onMessage); resolve(m[key] as T); }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
  });
}

/** Starts the server for a dialect and waits until it listens. */
export async function startServer(script: string, args: string[], env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, ...env } });
  const url = await nextMessage<string>(child, 'url');
  return {
    url,
    ask<T>(msg: unknown, key: string) { const p = nextMessage<T>(child, key); child.send(msg as never); return p; },
    async close() {
      const exited = new Promise((r) => child.once('exit', r));
      child.send({ close: true });
      await exited;
    },
  };
}
