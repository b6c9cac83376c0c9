/**
 * The floor: the same rows a flow writes (case, events, task, the version-checked update, task
 * status), in the same four transactions, written directly with knex at the same concurrency —
 * no HTTP, auth, engine or JSON work. Its rate is the store's own ceiling for these writes.
 */
import type { Knex } from 'knex';
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

/** Writes `flows` floor flows with `concurrency` workers; returns commands per second. */
export async function floorRate(k: Knex, flows: number, concurrency: number): Promise<number> {
  const ms = await pool(flows, concurrency, (i) => floorFlow(k, i));
  return (flows * 4) / (ms / 1000);
}
