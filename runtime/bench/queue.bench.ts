/**
 * The reviewer queue page (50 rows, filters, township scope) over HTTP with N cases and their
 * tasks bulk-inserted into MariaDB (TONGBAN_BENCH_CASES, default 1,000,000).
 */
import { createTestRuntime } from '../src/testing/testRuntime.ts';
import { orgLevelsOf } from '../src/identity/orgPath.ts';
import { line, percentile } from './stats.ts';

const N = Number(process.env.TONGBAN_BENCH_CASES ?? 1_000_000);
const grids = ['/510722/510722100/510722100001/510722100001001', '/510722/510722100/510722100001/510722100001002', '/510722/510722100/510722100002/510722100002001', '/510722/510722200/510722200001/510722200001001'];
const statuses = ['done', 'done', 'done', 'pending', 'cancelled'];

function rows(from: number, to: number, now: number) {
  const cases = [], tasks = [];
  for (let i = from; i < to; i++) {
    const id = `b${String(i).padStart(9, '0')}`;
    const org = grids[i % grids.length]!;
    const lv = orgLevelsOf(org);
    const status = statuses[i % statuses.length]!;
    cases.push({ id, ref: 'R' + id, definition_id: i % 3 ? 'tiny-incident' : 'other', definition_version: 1, org_path: org, ...lv, state: 'review', status: status === 'pending' ? 'active' : 'done', version: 2, snapshot: '{}', created_at: now - i * 1000, updated_at: now });
    tasks.push({ id: id + ':t1', case_id: id, task_key: id + ':t1', definition_id: i % 3 ? 'tiny-incident' : 'other', org_path: org, ...lv, state: 'review', title_zh: '审核', title_en: 'Review', status,
      group_role: 'township-reviewer', group_org: lv.org_l2, candidates: '[]', priority: i % 4, due_at: now + ((i * 7919) % 2_000_000) * 1000 - 500_000_000, spec: '{}', created_at: now - i * 1000 });
  }
  return { cases, tasks };
}

/** Runs the queue benchmark on MariaDB. */
export async function benchQueue(): Promise<void> {
  const t = await createTestRuntime('mysql', { poolMax: 8 });
  try {
    const k = t.db.knex;
    const now = Date.now();
    const t0 = performance.now();
    await k.raw('SET unique_checks = 0');
    for (let i = 0; i < N; i += 5000) {
      const { cases, tasks } = rows(i, Math.min(N, i + 5000), now);
      await k.transaction(async (trx) => { await trx('cases').insert(cases); await trx('tasks').insert(tasks); });
    }
    await k.raw('ANALYZE TABLE tasks, cases');
    line('runtime.queue.mysql.load-rows-per-s', (N * 2) / ((performance.now() - t0) / 1000), 'rows/s');
    const token = await t.token('reviewer.east');
    const queries = ['/api/tasks?limit=50', '/api/tasks?limit=50&definitionId=tiny-incident', '/api/tasks?limit=50&sort=priority', `/api/tasks?limit=50&overdue=true`, '/api/tasks?limit=50&orgPath=%2F510722%2F510722100%2F510722100001'];
    const lat: number[] = [];
    for (let round = 0; round < 40; round++) {
      for (const q of queries) {
        const s = performance.now();
        const r = await t.api('GET', q, { token });
        if (round > 1) lat.push(performance.now() - s);
        if (r.status !== 200 || r.body.items.length === 0) throw new Error(`${q}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        if (round === 2 && r.body.nextCursor) await t.api('GET', `${q}&cursor=${r.body.nextCursor}`, { token });
      }
    }
    line(`runtime.queue.mysql.cases`, N, 'cases');
    line('runtime.queue.mysql.p50', percentile(lat, 50), 'ms');
    line('runtime.queue.mysql.p95', percentile(lat, 95), 'ms');
  } finally {
    await t.close();
  }
}
