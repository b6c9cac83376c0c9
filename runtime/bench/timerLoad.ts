/**
 * Timer rows at volume for the timers bench. Timers that fall due during the run belong to real
 * cases (cloned from one case made through the command path: its case, task and timer rows with a
 * new id), so firing them is a real command — engine step, version check, events, outbox. Timers
 * that stay armed beyond the run need no case: they are rows in the table the drivers read.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

const CLONED = ['cases', 'tasks', 'task_candidates', 'timers'] as const;
type Row = Record<string, unknown>;

/** One case's rows, to be cloned; `timerKey` is the timer each clone keeps armed. */
export interface CaseTemplate { caseId: string; rows: Record<(typeof CLONED)[number], Row[]>; timerKey: string }

/** Reads a case's rows as a template; keeps one timer (the SLA breach) and drops the others. */
export async function readTemplate(knex: Knex, caseId: string, purpose: string): Promise<CaseTemplate> {
  const rows = {} as CaseTemplate['rows'];
  for (const t of CLONED) rows[t] = (await knex(t).where(t === 'cases' ? { id: caseId } : { case_id: caseId })) as Row[];
  const timer = rows.timers.find((r) => r.purpose === purpose);
  if (!timer) throw new Error(`template case has no ${purpose} timer: ${JSON.stringify(rows.timers.map((r) => r.purpose))}`);
  rows.timers = [timer];
  return { caseId, rows, timerKey: String(timer.timer_key) };
}

async function insertChunked(knex: Knex, table: string, rows: Row[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await knex(table).insert(rows.slice(i, i + 200));
}

/** Clones the template once per due time; returns the new case ids (same order). */
export async function cloneCases(knex: Knex, tpl: CaseTemplate, dueTimes: number[]): Promise<string[]> {
  const ids: string[] = [];
  const out: Record<string, Row[]> = Object.fromEntries(CLONED.map((t) => [t, []]));
  const flush = async () => {
    await knex.transaction(async (trx) => { for (const t of CLONED) await insertChunked(trx, t, out[t]!); });
    for (const t of CLONED) out[t] = [];
  };
  for (const dueAt of dueTimes) {
    const id = randomUUID();
    ids.push(id);
    for (const t of CLONED) {
      for (const r of tpl.rows[t]) {
        // every reference to the case (ids of tasks, snapshot, candidates) carries its id: replace them all
        const c = JSON.parse(JSON.stringify(r).split(tpl.caseId).join(id)) as Row;
        if (t === 'cases') c.ref = `B${id.replace(/-/g, '').slice(0, 20)}`;
        if (t === 'timers') c.due_at = dueAt;
        out[t]!.push(c);
      }
    }
    if (out.cases!.length >= 1000) await flush();
  }
  await flush();
  return ids;
}

/** Armed timers without a case, due from `from` on (one a second): the idle part of the armed volume. */
export async function armIdle(knex: Knex, n: number, from: number): Promise<void> {
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) rows.push({ case_id: `idle-${i}`, timer_key: 'sla.due', due_at: from + i * 1000, purpose: 'sla.due', status: 'armed' });
  await knex.transaction(async (trx) => insertChunked(trx, 'timers', rows));
}

/** When each case's kept timer fired (the `timer.fired` event's time), by case id. */
export async function firedAt(knex: Knex, ids: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = (await knex('case_events').whereIn('case_id', ids.slice(i, i + 500)).where({ type: 'timer.fired' }).select('case_id', 'at')) as Array<{ case_id: string; at: number | string }>;
    for (const r of rows) if (!out.has(r.case_id)) out.set(r.case_id, Number(r.at));
  }
  return out;
}

/** How many of the cases' kept timers are still armed or firing. */
export async function pending(knex: Knex, ids: string[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const r = (await knex('timers').whereIn('case_id', ids.slice(i, i + 500)).whereIn('status', ['armed', 'firing']).where('purpose', 'sla.due').count({ n: '*' }).first()) as { n: number | string };
    n += Number(r.n);
  }
  return n;
}
