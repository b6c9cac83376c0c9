/**
 * Group commit for command transactions on SQLite. SQLite has one writer and each COMMIT writes the
 * transaction's pages to the WAL: on the bench flow that write was the largest single cost of a
 * command (about a fifth of the server's CPU time, plus its BEGIN). Commands that reach the store
 * together (the requests one turn of the event loop parsed) run one after another inside one
 * transaction, each in its own savepoint, and commit once:
 *
 * - a command that fails rolls back to its savepoint only; the others in its group go on (the
 *   savepoint's sub-journal is kept in memory: createDb sets temp_store);
 * - no command is answered before the COMMIT that holds its writes: a group whose BEGIN or COMMIT
 *   fails rejects every command in it with that error (nothing of them was written), and callers
 *   retry a busy database as they did one transaction at a time;
 * - a group starts on the next turn of the event loop (setImmediate), so that the requests that
 *   arrived together have queued, and closes when no command waits or after `maxGroup` commands,
 *   so a stream of commands never holds the writer's lock for long.
 *
 * MariaDB groups its own commits (binlog group commit), and commands there run on many
 * connections: this is for SQLite only.
 */
import type { Knex } from 'knex';

/** Runs command transactions in groups that commit together. */
export interface GroupCommitter {
  /** Runs `fn` in a savepoint of the current group; settles after the group's COMMIT (or its failure). */
  run<T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T>;
  /** Groups committed and commands they held, since start (for the bench and tests). */
  stats(): { groups: number; commands: number };
}

type Statement = { run(): unknown };
type Conn = { prepare(sql: string): Statement };

/** SAVEPOINT, RELEASE and ROLLBACK TO on the group transaction's own connection (prepared once per connection by createDb's cache). */
async function savepoints(trx: Knex.Transaction): Promise<{ begin: Statement; release: Statement; rollback: Statement }> {
  const conn = await (trx.client as unknown as { acquireConnection(): Promise<Conn> }).acquireConnection();
  return { begin: conn.prepare('SAVEPOINT command'), release: conn.prepare('RELEASE command'), rollback: conn.prepare('ROLLBACK TO command') };
}

interface Job { fn(trx: Knex.Transaction): Promise<unknown>; resolve(v: unknown): void; reject(e: unknown): void }

/** A group committer on `knex` (one SQLite connection). */
export function groupCommitter(knex: Knex, opts: { maxGroup?: number } = {}): GroupCommitter {
  const maxGroup = opts.maxGroup ?? 32;
  const queue: Job[] = [];
  let scheduled = false;
  let groups = 0;
  let commands = 0;

  async function runGroup(): Promise<void> {
    const held: Array<{ job: Job; value: unknown }> = [];
    let beginFailed = false;
    try {
      await knex.transaction(async (outer) => {
        // knex runs the body even when its BEGIN failed (SQLite answered "database is locked"):
        // the transaction is then already complete, and a savepoint on it fails with a knex error
        if (outer.isCompleted()) { beginFailed = true; return; }
        while (held.length < maxGroup && !outer.isCompleted()) {
          // before committing, one turn of the event loop lets requests that arrived meanwhile join
          if (!queue.length) await new Promise((r) => setImmediate(r));
          if (!queue.length) break;
          const job = queue.shift()!;
          // the savepoint is set on the connection itself, as the command's writes are (writeBatch.ts):
          // a knex nested transaction cost a transactor, a knex instance and two runner round trips
          const sp = await savepoints(outer);
          sp.begin.run();
          try {
            const value = await job.fn(outer);
            sp.release.run();
            held.push({ job, value });
          } catch (err) {
            try { sp.rollback.run(); sp.release.run(); } catch { /* the transaction itself ended: its COMMIT fails and says why */ }
            job.reject(err); // its writes are undone; the group goes on
          }
        }
      });
    } catch (err) {
      // BEGIN or COMMIT failed: nothing the group held was written. knex leaves a transaction whose
      // COMMIT failed open on the connection (every later BEGIN would then fail): roll it back.
      await knex.raw('ROLLBACK').catch(() => undefined); // "no transaction is active" after a failed BEGIN
      for (const h of held) h.job.reject(err);
      // a BEGIN that failed fails the commands waiting for it, as their own BEGIN did before
      // groups: each caller then retries a busy database after its own back-off
      if (beginFailed) for (const job of queue.splice(0)) job.reject(err);
      return;
    }
    if (held.length) { groups++; commands += held.length; }
    for (const h of held) h.job.resolve(h.value);
  }

  async function drain(): Promise<void> {
    try {
      while (queue.length) await runGroup();
    } finally {
      scheduled = false;
      if (queue.length) schedule(); // a command queued as the last group settled
    }
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => { void drain(); });
  }

  return {
    run<T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
        schedule();
      });
    },
    stats: () => ({ groups, commands }),
  };
}
