/**
 * Durable commands over HTTP: each flow is create case + three task completions (four commands),
 * at concurrency 1, 8 and 32, on SQLite and MariaDB; plus the floor (the same rows written
 * directly with knex) as a ratio.
 */
import { createTestRuntime, GRID1, type TestRuntime } from '../src/testing/testRuntime.ts';
import type { Dialect } from '../src/store/createDb.ts';
import { line, percentile, pool } from './stats.ts';

const FLOWS = Number(process.env.TONGBAN_BENCH_FLOWS ?? 60);

async function flow(t: TestRuntime, tok: Record<string, string>, lat: number[]): Promise<void> {
  const timed = async <T>(f: () => Promise<T>) => { const s = performance.now(); const r = await f(); lat.push(performance.now() - s); return r; };
  const c = await timed(() => t.api('POST', '/api/cases', { token: tok.grid1, body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: '路灯损坏', reporterPhone: '13812341234' } } }));
  if (c.status !== 201) throw new Error(JSON.stringify(c.body));
  const steps: Array<[string, Record<string, unknown>]> = [['officer', { outcome: 'accept' }], ['reviewer.east', { outcome: 'approve' }], ['grid1', { outcome: 'close', data: { result: 'ok' } }]];
  for (const [i, [user, body]] of steps.entries()) {
    const task = (await t.db.knex('tasks').where({ case_id: c.body.id, status: 'pending' }).first('id')) as { id: string };
    const r = await timed(() => t.api('POST', `/api/tasks/${task.id}/complete`, { token: tok[user === 'reviewer.east' ? 'reviewer' : user]!, body: { ...body, expectedVersion: i + 1 } }));
    if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  }
}

async function floor(t: TestRuntime, n: number): Promise<number> {
  // The same writes per command without HTTP, engine, auth or JSON work: the store's own ceiling.
  const k = t.db.knex;
  const elapsed = await pool(n, 1, async (i) => {
    const id = `floor-${i}-${Math.random().toString(36).slice(2)}`;
    await k.transaction(async (trx) => {
      await trx('cases').insert({ id, ref: id.slice(0, 40), definition_id: 'x', definition_version: 1, org_path: GRID1, state: 's', status: 'active', version: 1, snapshot: '{}', created_at: i, updated_at: i });
      await trx('case_events').insert({ case_id: id, seq: 1, type: 'x', payload: '{}', at: i });
      await trx('tasks').insert({ id, case_id: id, task_key: id, definition_id: 'x', org_path: GRID1, state: 's', title_zh: 't', title_en: 't', status: 'pending', candidates: '[]', priority: 2, due_at: i, spec: '{}', created_at: i });
    });
    for (let s = 2; s <= 4; s++) {
      await k.transaction(async (trx) => {
        await trx('cases').where({ id }).first();
        await trx('cases').where({ id, version: s - 1 }).update({ version: s, snapshot: '{}' });
        await trx('case_events').insert({ case_id: id, seq: s, type: 'x', payload: '{}', at: i });
        await trx('tasks').where({ id }).update({ status: s === 4 ? 'done' : 'pending' });
      });
    }
  });
  return (n * 4) / (elapsed / 1000);
}

/** Runs the command benchmark on one store. */
export async function benchCommands(dialect: Dialect): Promise<void> {
  const t = await createTestRuntime(dialect, { poolMax: 32 });
  try {
    const tok = { grid1: await t.token('grid1'), officer: await t.token('officer'), reviewer: await t.token('reviewer.east') };
    await pool(5, 1, () => flow(t, tok, [])); // warm-up: compile, caches, JIT
    let best = 0;
    for (const c of [1, 8, 32]) {
      const lat: number[] = [];
      const ms = await pool(FLOWS, c, () => flow(t, tok, lat));
      const rate = lat.length / (ms / 1000);
      best = Math.max(best, rate);
      line(`runtime.commands.${dialect}.c${c}`, rate, 'cmd/s');
      for (const p of [50, 95, 99]) line(`runtime.commands.${dialect}.c${c}.p${p}`, percentile(lat, p), 'ms');
    }
    const fl = await floor(t, FLOWS);
    line(`runtime.commands.${dialect}.knex-floor`, fl, 'cmd/s');
    line(`runtime.commands.${dialect}.ratio-to-floor`, best / fl, 'x');
  } finally {
    await t.close();
  }
}
