/**
 * SQLite WAL checkpoints off the request path (issue 14.5). With the default autocheckpoint, the
 * commit that pushes the WAL past 1,000 pages copies it back into the database file itself — a
 * latency spike for that command, on the one connection every command shares. The runtime's
 * connection turns autocheckpoint off, and a worker thread with its own connection to the same file
 * runs a PASSIVE checkpoint every `intervalMs` (it never blocks the writer; pages a reader still
 * needs wait for the next round), and a TRUNCATE one when the WAL has grown large, so the file is
 * given back. A worker thread, because better-sqlite3 is synchronous: on the main thread a
 * checkpoint would stall every request for its duration.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** A running checkpointer. */
export interface WalCheckpointer { stop(): Promise<void> }

// The worker is plain JavaScript (no TypeScript loader needed in the thread).
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
let rounds = 0;
const timer = setInterval(() => {
  try {
    const truncate = ++rounds % 30 === 0;
    const [r] = db.pragma(truncate ? 'wal_checkpoint(TRUNCATE)' : 'wal_checkpoint(PASSIVE)');
    // a large WAL that a passive round could not shrink: truncate now rather than at the next 30th round
    if (!truncate && r && r.log > 20000) db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (err) { parentPort.postMessage({ error: String(err && err.message || err) }); }
}, workerData.intervalMs);
parentPort.on('message', (m) => { if (m === 'stop') { clearInterval(timer); try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} db.close(); parentPort.postMessage({ stopped: true }); } });
`;

/** Starts a checkpointer thread for an SQLite file; `onError` hears what a round could not do (a busy file, a full disk). */
export function startWalCheckpointer(file: string, opts: { intervalMs?: number; onError?: (message: string) => void } = {}): WalCheckpointer {
  const worker = new Worker(workerSource, { eval: true, workerData: { file, intervalMs: opts.intervalMs ?? 1000, module: createRequire(import.meta.url).resolve('better-sqlite3') } });
  worker.unref();
  worker.on('message', (m: { error?: string }) => { if (m.error) opts.onError?.(m.error); });
  worker.on('error', (err) => opts.onError?.(err.message));
  // Stopping twice (the runtime closes its store, then a test or bench disposes the same store)
  // must not wait for an exit that already happened: the second call gets the first one's promise.
  let stopped: Promise<void> | undefined;
  return {
    stop: () => stopped ??= new Promise<void>((resolve) => {
      const done = () => resolve();
      worker.once('exit', done);
      worker.once('message', (m: { stopped?: boolean }) => { if (m.stopped) void worker.terminate().then(done, done); });
      worker.postMessage('stop');
    }),
  };
}
