/**
 * The floor: the store's own ceiling for a flow's writes — no HTTP, auth, engine or JSON work.
 *
 * `replayFloorRate` (the floor the targets use) replays, directly with knex and at the same
 * concurrency, the statements one real flow executed (statementCapture.ts): the same four
 * transactions with the same statements and bindings (the case with its snapshot, events, tasks
 * and their candidates, timers, the PII index, the outbox row, the audit chain's head read, rows
 * and head update), each flow under a new case id and reference, its audit rows after the chain's
 * head as it is then. `minimalFloorRate` is the earlier, smaller floor (case, events, one task:
 * 3–4 statements a command where the command runs 9–12), printed for comparison with older figures.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { dialectOf } from '../src/store/createDb.ts';
import type { CapturedTransaction } from './statementCapture.ts';
import { pool } from './stats.ts';

const GRID = '/510722/510722100/510722100001/510722100001001';

async function floorFlow(k: Knex, i: number): Promise<void> {
  const id = `floor-${i}-${Math.random().toString(36).slice(2)}`;
  await k.transaction(async (trx) => {
    await trx('cases').insert({ id, ref: id.slice(0, 40), definition_id: 'x', definition_version: 1, org_path: GRID, state: 's', status: 'active', version: 1, snapshot: '{}', created_at: i, updated_at: i });
    await trx('case_events').insert({ case_id: id, seq: 1, type: 'x', payload: '{}', at: i });
    await trx('tasks').insert({ id, case_id: id, task_key: id, definition_id: 'x', org_path: GRID, state: 's', title_zh: 't', title_en: 't', status: 'pending', candidates: '[]', priority: 2, due_at: i, spec: '{}', created_at: i });
  });
  for (let s = 2; s <= 4; s++) {
    await k.transaction(async (trx) => {
      await trx('cases').where({ id }).first();
      await trx('cases').where({ id, version: s - 1 }).update({ version: s, snapshot: '{}' });
      await trx('case_events').insert({ case_id: id, seq: s, type: 'x', payload: '{}', at: i });
      await trx('tasks').where({ id }).update({ status: s === 4 ? 'done' : 'pending' });
    });
  }
}

/** Writes `flows` minimal floor flows with `concurrency` workers; returns commands per second. */
export async function minimalFloorRate(k: Knex, flows: number, concurrency: number): Promise<number> {
  const ms = await pool(flows, concurrency, (i) => floorFlow(k, i));
  return (flows * 4) / (ms / 1000);
}

/** A captured statement prepared for replay. */
interface PlannedStatement {
  sql: string; bindings: unknown[];
  /** the audit chain's head read: its seq places this flow's audit rows */
  readsHead: boolean;
  /** binding positions holding an audit seq (audit_log rows, the head update) */
  seqAt: number[];
}
/** What the floor replays for each flow. */
export interface ReplayPlan { caseId: string; ref: string; transactions: Array<{ head: number; statements: PlannedStatement[] }>; statements: number }

const placeholders = (sql: string) => (sql.match(/\?/g) ?? []).length;

/** Binding positions of the audit seq in one SQL text (it may hold several statements: MySQL batches). */
function seqPositions(sql: string): number[] {
  const out: number[] = [];
  let offset = 0;
  for (const part of sql.split(/;\s*\n/)) {
    const insert = /^\s*insert into `audit_log` \(([^)]*)\)/i.exec(part);
    if (insert) {
      const cols = insert[1]!.split(',').map((c) => c.trim().replace(/`/g, ''));
      const at = cols.indexOf('seq');
      for (let r = 0; at >= 0 && r < placeholders(part) / cols.length; r++) out.push(offset + r * cols.length + at);
    }
    if (/^\s*update `audit_head` set `seq` = \?/i.test(part)) out.push(offset);
    offset += placeholders(part);
  }
  return out;
}

/** Turns a captured flow into a replay plan. */
export function planReplay(caseId: string, ref: string, transactions: CapturedTransaction[]): ReplayPlan {
  // a command's transaction appends the case's event; others that ran meanwhile (the outbox
  // dispatcher, a timer tick) are not the flow's commands
  const commands = transactions.filter((tx) => tx.some((s) => /insert into `case_events`/i.test(s.sql)));
  const planned = commands.map((tx) => {
    const statements = tx.map((s) => ({ sql: s.sql, bindings: s.bindings, readsHead: /from `audit_head`/i.test(s.sql) && /^\s*select/i.test(s.sql), seqAt: seqPositions(s.sql) }));
    const seqs = statements.flatMap((s) => s.seqAt.map((i) => Number(s.bindings[i])));
    return { head: seqs.length ? Math.min(...seqs) - 1 : 0, statements };
  });
  return { caseId, ref, transactions: planned, statements: planned.reduce((n, t) => n + t.statements.length, 0) };
}

function firstRow(result: unknown, dialect: 'sqlite' | 'mysql'): Record<string, unknown> | undefined {
  const rows = dialect === 'mysql' ? (result as unknown[][])[0] : (result as unknown[]);
  return rows?.[0] as Record<string, unknown> | undefined;
}

async function replayFlow(k: Knex, plan: ReplayPlan, i: number): Promise<void> {
  const dialect = dialectOf(k);
  const id = randomUUID();
  const ref = `F${i.toString(36)}${randomBytes(8).toString('hex')}`.slice(0, plan.ref.length);
  const swap = (v: unknown) => (typeof v === 'string' ? v.replaceAll(plan.caseId, id).replaceAll(plan.ref, ref) : v);
  for (const tx of plan.transactions) {
    await k.transaction(async (trx) => {
      let delta = 0;
      for (const st of tx.statements) {
        const b = st.bindings.map(swap);
        if (st.readsHead) { delta = Number(firstRow(await trx.raw(st.sql, b as Knex.RawBinding[]), dialect)?.seq) - tx.head; continue; }
        for (const at of st.seqAt) b[at] = Number(b[at]) + delta;
        await trx.raw(st.sql, b as Knex.RawBinding[]);
      }
    });
  }
}

/** Replays `flows` captured flows with `concurrency` workers; returns commands per second. */
export async function replayFloorRate(k: Knex, plan: ReplayPlan, flows: number, concurrency: number): Promise<number> {
  const ms = await pool(flows, concurrency, (i) => replayFlow(k, plan, i));
  return (flows * plan.transactions.length) / (ms / 1000);
}
