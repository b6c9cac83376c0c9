/**
 * The reviewer queue page (50 rows; filters; township scope) over HTTP against MariaDB holding
 * TONGBAN_BENCH_CASES cases (default 1,000,000) and their tasks — loaded once, then reused.
 * Every variant is asked page 1 and page 2 (keyset cursor); p50/p95 over all of them, plus the
 * p95 of each variant so a slow filter is named.
 */
import { createClient, type Client } from './http.ts';
import { ensureQueueData } from './queueLoad.ts';
import { startServer } from './serverProcess.ts';
import { line, percentile } from './stats.ts';

const variants: Record<string, string> = {
  due: '', service: '&definitionId=tiny-incident', priority: '&sort=priority', overdue: '&overdue=true',
  community: '&orgPath=%2F510722%2F510722100%2F510722100001', open: '&status=open', unassigned: '&assigned=unassigned', mine: '&assigned=me',
};

/** What the queue run measured, for the summary. */
export interface QueueFigures { cases: number; p50: number; p95: number }

async function page(http: Client, token: string, q: string, lat: number[] | undefined): Promise<string | null> {
  const s = performance.now();
  const r = await http.request('GET', `/api/tasks?limit=50${q}`, token);
  lat?.push(performance.now() - s);
  if (r.status !== 200) throw new Error(`${q}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
  return r.body.nextCursor as string | null;
}

async function rounds(http: Client, token: string, n: number, byVariant?: Map<string, number[]>): Promise<number[]> {
  const all: number[] = [];
  for (let round = 0; round < n; round++) {
    for (const [name, q] of Object.entries(variants)) {
      const lat = byVariant ? (byVariant.get(name) ?? byVariant.set(name, []).get(name)!) : undefined;
      const cursor = await page(http, token, q, lat);
      if (cursor) await page(http, token, `${q}&cursor=${cursor}`, lat);
    }
  }
  for (const l of byVariant?.values() ?? []) all.push(...l);
  return all;
}

/** Runs the queue benchmark; prints its lines and returns the figures. */
export async function benchQueue(cases: number, roundsN = 40): Promise<QueueFigures> {
  const { url, loadedRowsPerSecond } = await ensureQueueData(cases);
  if (loadedRowsPerSecond) line('runtime.queue.mysql.load-rows-per-s', loadedRowsPerSecond, 'rows/s');
  const server = await startServer('./queueServer.ts', [url]);
  const http = createClient(server.url, 1);
  try {
    const login = await http.request('POST', '/api/auth/login', undefined, { username: 'reviewer.east', password: 'Tongban@2025' });
    const token = login.body.token as string;
    await rounds(http, token, 3); // warm-up: the pages a reviewer keeps opening are in the buffer pool
    const byVariant = new Map<string, number[]>();
    const lat = await rounds(http, token, roundsN, byVariant);
    line('runtime.queue.mysql.cases', cases, 'cases');
    line('runtime.queue.mysql.p50', percentile(lat, 50), 'ms');
    line('runtime.queue.mysql.p95', percentile(lat, 95), 'ms');
    for (const [name, l] of byVariant) line(`runtime.queue.mysql.${name}.p95`, percentile(l, 95), 'ms');
    return { cases, p50: percentile(lat, 50), p95: percentile(lat, 95) };
  } finally {
    http.close();
    await server.close();
  }
}
