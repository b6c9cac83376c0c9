/**
 * MySQL/MariaDB: a command transaction's BEGIN rides on its first statement. knex sends BEGIN as a
 * statement of its own, a round trip that carries nothing (each is a send and a wake-up on both
 * sides: on a 2-core VM, socket writes were the largest single cost of the server's CPU). Here
 * BEGIN is held on the connection and sent in front of the transaction's first statement, as one
 * multi-statement query; BEGIN's result is taken off before knex reads the answer.
 *
 * - Only for connections that accept several statements (the command pool: createDb).
 * - A transaction that ends before any statement (COMMIT or ROLLBACK with BEGIN still held) never
 *   opened one on the server: nothing is sent.
 * - It wraps the driver connection's `query`, below knex: knex's `query` event still shows BEGIN
 *   where knex issued it, so statement capture and logs see the transaction as knex ran it.
 */

type Callback = (err: unknown, rows?: unknown, fields?: unknown) => void;
/** The part of a mysql2 connection knex uses to run a statement. */
export interface QueryingConnection { query(opts: { sql: string } & Record<string, unknown>, bindings: unknown, cb: Callback): unknown }

const BEGIN = /^\s*BEGIN;?\s*$/i;
const END = /^\s*(COMMIT|ROLLBACK);?\s*$/i;
/** What an OK packet tells knex for BEGIN or an empty COMMIT (it reads nothing from it). */
const OK = { affectedRows: 0, insertId: 0, warningStatus: 0 };

/** Takes BEGIN's result off a multi-statement answer; a single statement's answer as if sent alone. */
function withoutBegin(rows: unknown, fields: unknown): [unknown, unknown] {
  const r = (rows as unknown[]).slice(1);
  const f = Array.isArray(fields) ? fields.slice(1) : fields;
  return r.length === 1 ? [r[0], Array.isArray(f) ? f[0] : f] : [r, f];
}

/** Makes one multi-statement connection send each transaction's BEGIN with its first statement. */
export function deferBegin(conn: QueryingConnection): void {
  const send = conn.query.bind(conn);
  let held = false;
  conn.query = (opts, bindings, cb) => {
    const sql = typeof opts === 'string' ? opts : opts.sql;
    if (BEGIN.test(sql)) { held = true; queueMicrotask(() => cb(null, OK, undefined)); return undefined; }
    if (!held) return send(opts, bindings, cb);
    held = false;
    // nothing was begun on the server: there is nothing to commit or roll back
    if (END.test(sql)) { queueMicrotask(() => cb(null, OK, undefined)); return undefined; }
    const prefixed = typeof opts === 'string' ? { sql: `BEGIN;\n${sql}` } : { ...opts, sql: `BEGIN;\n${sql}` };
    return send(prefixed, bindings, (err, rows, fields) => {
      if (err) return cb(err);
      const [r, f] = withoutBegin(rows, fields);
      cb(null, r, f);
    });
  };
}
