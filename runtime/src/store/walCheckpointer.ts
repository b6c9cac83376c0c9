/**
 * SQLite WAL checkpoints off the request path (issue 14.5). With the default autocheckpoint, the
 * commit that pushes the WAL past 1,000 pages copies it back into the database file itself — a
 * latency spike for that command, on the one connection every command shares. The runtime's
 * connection turns autocheckpoint off, and a worker thread with its own connection to the same file
 * runs a PASSIVE checkpoint every `intervalMs`: it never blocks the writer (pages a reader still
 * needs wait for the next round). The WAL is reused from the top by the next writer once a round
 * has copied all of it, and `journal_size_limit` trims the file then. Blocking checkpoints
 * (RESTART, TRUNCATE) are kept for a WAL that has grown far past that under writes that never
 * pause: they hold the writer's lock while they copy and sync, which on a busy disk stalled
 * commands for seconds (some failed with "database is locked" in the benchmark before this).
 * A worker thread, because better-sqlite3 is synchronous: on the main thread a checkpoint would
 * stall every request for its duration. */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The WAL size a restarted WAL is trimmed back to (set on the writer's connection too, which is the one that restarts it). */
export const JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024;
/** Frames (4 KiB pages) past which the WAL is truncated even though that blocks the writer: 256 MiB. */
const TRUNCATE_FRAMES = 65_536;

/** A running checkpointer. */
export interface WalCheckpointer { stop(): Promise<void> }

// The worker is plain JavaScript (no TypeScript loader needed in the thread).
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
db.pragma('journal_size_limit = ' + workerData.journalSizeLimit);
const timer = setInterval(() => {
  try {
    // PASSIVE never blocks the writer. A RESTART or TRUNCATE checkpoint takes the writer's lock
    // before it copies and syncs, and on a busy disk that sync took seconds: commands stalled for
    // it and failed once their busy timeout ran out. The WAL is given back instead when a writer
    // finds every frame copied and starts it again from the top (journal_size_limit, set on the
    // writer's connection, then trims the file). Only a WAL that outgrows the limit many times over
    // (writes that never pause long enough for a passive round to catch up) gets a TRUNCATE, which
    // is reported with how long it held the writer.
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (r && r.log > workerData.truncateFrames) {
      const t0 = Date.now();
      const [t] = db.pragma('wal_checkpoint(TRUNCATE)');
      parentPort.postMessage({ truncated: { frames: r.log, ms: Date.now() - t0, done: !(t && t.busy) } });
    }
  } catch (err) { parentPort.postMessage({ error: String(err && err.message || err) }); }
}, workerData.intervalMs);
parentPort.on('message', (m) => { if (m === 'stop') { clearInterval(timer); try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} db.close(); parentPort.postMessage({ stopped: true }); } });
`;

/** Starts a checkpointer thread for an SQLite file; `onError` hears what a round could not do (a busy file, a full disk). */
export function startWalCheckpointer(file: string, opts: { intervalMs?: number; truncateFrames?: number; onError?: (message: string) => void; onTruncated?: (t: { frames: number; ms: number; done: boolean }) => void } = {}): WalCheckpointer {
  const worker = new Worker(workerSource, { eval: true, workerData: { file, intervalMs: opts.intervalMs ?? 1000, journalSizeLimit: JOURNAL_SIZE_LIMIT, truncateFrames: opts.truncateFrames ?? TRUNCATE_FRAMES, module: createRequire(import.meta.url).resolve('better-sqlite3') } });
  worker.unref();
  worker.on('message', (m: { error?: string; truncated?: { frames: number; ms: number; done: boolean } }) => { if (m.error) opts.onError?.(m.error); if (m.truncated) opts.onTruncated?.(m.truncated); });
  worker.on('error', (err) => opts.onError?.(err.message));
  let exited = false;
  worker.once('exit', (code) => {
    exited = true;
    if (!stopped) opts.onError?.(`WAL checkpointer thread ended (exit code ${code}); checkpoints stop until restart`);
  });
  // Stopping twice (the runtime closes its store, then a test or bench disposes the same store)
  // must not wait for an exit that already happened: the second call gets the first one's promise.
  // The stop listens to every message until `stopped`: a round that was running when the stop was
  // sent (a TRUNCATE blocked on a reader, up to its busy timeout) reports first, and a stop that heard
  // only the first message never settled. A thread that already ended has nothing to stop.
  let stopped: Promise<void> | undefined;
  return {
    stop: () => stopped ??= new Promise<void>((resolve) => {
      if (exited) return resolve();
      const done = () => { worker.off('message', onMessage); resolve(); };
      const onMessage = (m: { stopped?: boolean }) => { if (m.stopped) void worker.terminate().then(done, done); };
      worker.once('exit', done);
      worker.on('message', onMessage);
      worker.postMessage('stop');
    }),
  };
}
