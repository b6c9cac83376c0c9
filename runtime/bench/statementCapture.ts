/**
 * Records the statements the store executes while one bench flow runs through the API, grouped by
 * transaction, so the floor (floor.ts) can replay exactly those writes directly with knex.
 *
 * SQLite: the command path runs most statements on the transaction's connection without knex
 * (store/writeBatch.ts), so the tap sits on the connection's prepared statements. MySQL/MariaDB:
 * every statement (the batched multi-statement writes too) passes knex, whose `query` event names
 * the transaction it belongs to.
 */
import type { Knex } from 'knex';
import { dialectOf } from '../src/store/createDb.ts';

/** One statement as it was sent: SQL text (one or several statements) and its bindings. */
export interface CapturedStatement { sql: string; bindings: unknown[] }
/** The statements of one transaction, in order (BEGIN and COMMIT left out). */
export type CapturedTransaction = CapturedStatement[];

/** A running capture: `stop()` returns what ran since `start`, transaction by transaction. */
export interface StatementCapture { stop(): { transactions: CapturedTransaction[]; outside: number } }

const BOUNDARY = /^\s*(BEGIN|COMMIT|ROLLBACK)\b/i;
/** The group committer's savepoint around each command (store/groupCommit.ts): not a write of the flow, so not replayed. */
const SAVEPOINT = /^\s*(SAVEPOINT|RELEASE|ROLLBACK TO)\b/i;

type SqliteStatement = { source: string; run(...a: unknown[]): unknown; get(...a: unknown[]): unknown; all(...a: unknown[]): unknown };
type SqliteConn = { prepare(sql: string): SqliteStatement };
interface Tap { on: boolean; seen: Array<{ sql: string; bindings: unknown[] }> }
const taps = new WeakMap<SqliteConn, Tap>();

/** Wraps the (single) SQLite connection's statements once; later captures switch the tap on and off. */
async function sqliteTap(k: Knex): Promise<Tap> {
  const client = k.client as { acquireConnection(): Promise<SqliteConn>; releaseConnection(c: SqliteConn): Promise<void> };
  const conn = await client.acquireConnection();
  await client.releaseConnection(conn);
  let tap = taps.get(conn);
  if (tap) return tap;
  const t: Tap = { on: false, seen: [] };
  const wrapped = new WeakSet<SqliteStatement>();
  const prepare = conn.prepare.bind(conn);
  conn.prepare = (sql: string) => {
    const st = prepare(sql);
    if (!wrapped.has(st)) {
      wrapped.add(st);
      for (const m of ['run', 'get', 'all'] as const) {
        const f = st[m].bind(st);
        st[m] = (...a: unknown[]) => {
          if (t.on) t.seen.push({ sql: st.source, bindings: Array.isArray(a[0]) ? [...a[0]] : a });
          return f(...a);
        };
      }
    }
    return st;
  };
  taps.set(conn, t);
  tap = t;
  return tap;
}

/** Groups a statement stream into transactions by its BEGIN … COMMIT boundaries. */
function byBoundaries(seen: Array<{ sql: string; bindings: unknown[] }>): { transactions: CapturedTransaction[]; outside: number } {
  const transactions: CapturedTransaction[] = [];
  let open: CapturedTransaction | undefined;
  let outside = 0;
  for (const s of seen) {
    if (SAVEPOINT.test(s.sql)) continue;
    const b = BOUNDARY.exec(s.sql)?.[1]?.toUpperCase();
    if (b === 'BEGIN') open = [];
    else if (b) { if (open && b === 'COMMIT') transactions.push(open); open = undefined; }
    else if (open) open.push(s);
    else outside++;
  }
  return { transactions, outside };
}

/** Starts capturing the statements `k` executes. */
export async function startCapture(k: Knex): Promise<StatementCapture> {
  if (dialectOf(k) === 'sqlite') {
    const tap = await sqliteTap(k);
    tap.seen = [];
    tap.on = true;
    return { stop() { tap.on = false; return byBoundaries(tap.seen.splice(0)); } };
  }
  const byTx = new Map<string, CapturedTransaction>();
  const order: string[] = [];
  let outside = 0;
  const onQuery = (q: { sql: string; bindings?: unknown[]; __knexTxId?: string }) => {
    if (BOUNDARY.test(q.sql)) return;
    if (!q.__knexTxId) { outside++; return; }
    if (!byTx.has(q.__knexTxId)) { byTx.set(q.__knexTxId, []); order.push(q.__knexTxId); }
    byTx.get(q.__knexTxId)!.push({ sql: q.sql, bindings: [...(q.bindings ?? [])] });
  };
  k.on('query', onQuery);
  return { stop() { k.off('query', onQuery); return { transactions: order.map((id) => byTx.get(id)!), outside }; } };
}
