/**
 * MySQL/MariaDB: a command transaction's BEGIN rides on its first statement, and its COMMIT on its
 * last batch. knex sends BEGIN and COMMIT as statements of their own, round trips that carry
 * nothing (each is a send and a wake-up on both sides: on a 2-core VM, socket writes were the
 * largest single cost of the server's CPU).
 *
 * - BEGIN is held on the connection and sent in front of the transaction's first statement, as one
 *   multi-statement query; BEGIN's result is taken off before knex reads the answer. A transaction
 *   that ends before any statement (COMMIT or ROLLBACK with BEGIN still held) never opened one on
 *   the server: nothing is sent.
 * - A query whose last statement is COMMIT (a command's final write batch: writeBatch.ts) ends the
 *   transaction on the server; COMMIT's result is taken off, and knex's own COMMIT that follows is
 *   answered here without a round trip. Should anything else follow it (a ROLLBACK, a statement),
 *   it is refused with `CommittedInBatchError`: it would run outside the transaction, which the
 *   caller could not know. When the query fails, COMMIT did not run (a multi-statement query stops
 *   at its first error): the transaction is still open and knex's ROLLBACK goes out as usual.
 * - Only for connections that accept several statements (the command pool: createDb).
 * - It wraps the driver connection's `query`, below knex: knex's `query` event still shows BEGIN and
 *   COMMIT where knex issued them, so statement capture and logs see the transaction as knex ran it.
 */

type Callback = (err: unknown, rows?: unknown, fields?: unknown) => void;
/** The part of a mysql2 connection knex uses to run a statement. */
export interface QueryingConnection { query(opts: { sql: string } & Record<string, unknown>, bindings: unknown, cb: Callback): unknown }

const BEGIN = /^\s*BEGIN;?\s*$/i;
const END = /^\s*(COMMIT|ROLLBACK);?\s*$/i;
const COMMIT = /^\s*COMMIT;?\s*$/i;
/** A query that ends its transaction: its last statement is COMMIT. */
const COMMIT_TAIL = /;\s*COMMIT;?\s*$/i;

/** A statement reached a connection whose transaction a batch had already committed (see the header). */
export class CommittedInBatchError extends Error {
  readonly code = 'store.committed-in-batch';
  constructor(sql: string) { super(`the transaction was committed with its last batch; refused to run after it: ${sql.slice(0, 80)}`); }
}
/** What an OK packet tells knex for BEGIN or an empty COMMIT (it reads nothing from it). */
const OK = { affectedRows: 0, insertId: 0, warningStatus: 0 };

/** Takes the results of a held BEGIN (`head`) and of a trailing COMMIT (`tail`) off a multi-statement answer; one statement's answer as if sent alone. */
function without(rows: unknown, fields: unknown, head: boolean, tail: boolean): [unknown, unknown] {
  const end = tail ? -1 : undefined;
  const from = head ? 1 : 0;
  const r = (rows as unknown[]).slice(from, end);
  const f = Array.isArray(fields) ? fields.slice(from, end) : fields;
  return r.length === 1 ? [r[0], Array.isArray(f) ? f[0] : f] : [r, f];
}

/** Makes one multi-statement connection send each transaction's BEGIN with its first statement, and take its COMMIT from a batch that carries one. */
export function deferBegin(conn: QueryingConnection): void {
  const send = conn.query.bind(conn);
  let held = false;
  let committed = false;
  const answer = (cb: Callback, err: unknown) => { queueMicrotask(() => (err ? cb(err) : cb(null, OK, undefined))); return undefined; };
  conn.query = (opts, bindings, cb) => {
    const sql = typeof opts === 'string' ? opts : opts.sql;
    if (committed) {
      committed = false;
      return answer(cb, COMMIT.test(sql) ? null : new CommittedInBatchError(sql));
    }
    if (BEGIN.test(sql)) { held = true; return answer(cb, null); }
    const head = held;
    held = false;
    // nothing was begun on the server: there is nothing to commit or roll back
    if (head && END.test(sql)) return answer(cb, null);
    const tail = COMMIT_TAIL.test(sql);
    if (!head && !tail) return send(opts, bindings, cb);
    const text = head ? `BEGIN;\n${sql}` : sql;
    return send(typeof opts === 'string' ? { sql: text } : { ...opts, sql: text }, bindings, (err, rows, fields) => {
      if (err) return cb(err);
      committed = tail;
      const [r, f] = without(rows, fields, head, tail);
      cb(null, r, f);
    });
  };
}
