/**
 * Durable commands over HTTP: each flow is create case + three task completions (four commands),
 * at concurrency 1, 8 and 32, on SQLite and MariaDB, against a server in its own process; plus the
 * floor (the statements of one real flow, captured, replayed directly with knex at the same
 * concurrency: floor.ts) as a ratio, and the earlier minimal floor beside it.
 */
import type { Dialect } from '../src/store/createDb.ts';
import { createClient, type Client } from './http.ts';
import { startServer } from './serverProcess.ts';
import { line, percentile, pool } from './stats.ts';

const GRID1 = '/510722/510722100/510722100001/510722100001001';
const LEVELS = [1, 8, 32];
const steps: Array<[string, Record<string, unknown>]> = [['officer', { outcome: 'accept' }], ['reviewer', { outcome: 'approve' }], ['grid1', { outcome: 'close', data: { result: 'ok' } }]];

/** What one dialect's run measured, for the summary (`ratio`: to the knex floor, paired round by round). */
export interface CommandFigures { dialect: Dialect; levels: Array<{ c: number; rate: number; p50: number; p95: number; p99: number; floor: number; ratio: number }> }

/** Rounds of the targets' level (c8), each paired with its own floor (TONGBAN_BENCH_ROUNDS). */
const ROUNDS = Math.max(1, Number(process.env.TONGBAN_BENCH_ROUNDS ?? 3));

/** One round at one concurrency: the commands' figures and the floors measured right after them. */
interface Round { rate: number; p50: number; p95: number; p99: number; floor: number; store: number; minimal: number }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The median of each figure over the rounds; ratios are taken within a round (its commands against its own floor), then their median. */
function medianRound(runs: Round[]) {
  const of = (k: keyof Round) => median(runs.map((r) => r[k]));
  return { rate: of('rate'), p50: of('p50'), p95: of('p95'), p99: of('p99'), floor: of('floor'), store: of('store'), minimal: of('minimal'),
    ratio: median(runs.map((r) => r.rate / r.floor)), storeRatio: median(runs.map((r) => r.rate / r.store)) };
}

type Tokens = Record<string, string>;

/** One flow; task ids are `<caseId>` + the suffixes the definition always gives (learnt in warm-up). Returns the case id. */
async function flow(http: Client, tok: Tokens, suffixes: string[], lat: number[]): Promise<string> {
  const timed = async (f: () => ReturnType<Client['request']>) => { const s = performance.now(); const r = await f(); lat.push(performance.now() - s); return r; };
  const c = await timed(() => http.request('POST', '/api/cases', tok.grid1, { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: '路灯损坏', reporterPhone: '13812341234' } }));
  if (c.status !== 201) throw new Error(JSON.stringify(c.body));
  for (const [i, [user, body]] of steps.entries()) {
    const r = await timed(() => http.request('POST', `/api/tasks/${c.body.id}${suffixes[i]}/complete`, tok[user], { ...body, expectedVersion: i + 1 }));
    if (r.status !== 200) throw new Error(`step ${i}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  return c.body.id;
}

async function login(http: Client): Promise<Tokens> {
  const tok: Tokens = {};
  for (const [k, username] of [['grid1', 'grid1'], ['officer', 'officer'], ['reviewer', 'reviewer.east']] as const) {
    const r = await http.request('POST', '/api/auth/login', undefined, { username, password: 'Tongban@2025' });
    tok[k] = r.body.token;
  }
  return tok;
}

async function measure(http: Client, tok: Tokens, suffixes: string[], flows: number, c: number) {
  // Open this level's keep-alive sockets first: a burst of fresh connections stalls a few requests
  // for seconds (seen at c32), which is connection setup, not command latency.
  await pool(c * 2, c, async () => { await flow(http, tok, suffixes, []); });
  const lat: number[] = [];
  const ms = await pool(flows, c, async () => { await flow(http, tok, suffixes, lat); });
  return { rate: lat.length / (ms / 1000), p50: percentile(lat, 50), p95: percentile(lat, 95), p99: percentile(lat, 99) };
}

/**
 * Runs the command benchmark on one store; prints its lines and returns the figures. `as` names
 * another run of the same store (its lines get the suffix): `mysqlServer` then says which MariaDB
 * URL the server uses, `levels` which concurrencies.
 */
export async function benchCommands(dialect: Dialect, flows: number, as?: { suffix: string; mysqlServer: string; levels: number[] }): Promise<CommandFigures> {
  const levels = as?.levels ?? LEVELS;
  const server = await startServer('./server.ts', [dialect, '40'], as ? { TONGBAN_TEST_MYSQL: as.mysqlServer } : {});
  const http = createClient(server.url, Math.max(...levels));
  try {
    const tok = await login(http);
    const suffixes = [':t1', ':t3', ':t5']; // tiny-incident: tasks and their SLA timers share one counter
    await pool(20, 4, async () => { await flow(http, tok, suffixes, []); }); // warm-up: JIT, caches, connection pool
    // the floor replays the statements of one real flow: captured here, alone on the server
    await server.ask({ captureStart: true }, 'capturing');
    const caseId = await flow(http, tok, suffixes, []);
    const captured = await server.ask<{ transactions: number; statements: number }>({ captureStop: { caseId } }, 'captured');
    if (captured.transactions !== 4) throw new Error(`the captured flow ran ${captured.transactions} command transactions, not 4`);
    const name = `runtime.commands.${dialect}${as?.suffix ?? ''}`;
    line(`${name}.floor-statements-per-flow`, captured.statements, 'statements');
    const out: CommandFigures = { dialect, levels: [] };
    for (const c of levels) {
      // the targets' level is measured in several rounds, each paired with its floor: the host's
      // speed moves by a quarter from one minute to the next, so one round alone is a coin toss
      const runs: Round[] = [];
      for (let r = 0; r < (c === 8 ? ROUNDS : 1); r++) {
        const m = await measure(http, tok, suffixes, flows, c);
        const f = await server.ask<{ replay: number; store: number; minimal: number }>({ floor: { flows: Math.min(flows, 200), concurrency: c } }, 'floor');
        runs.push({ ...m, floor: f.replay, store: f.store, minimal: f.minimal });
      }
      const m = medianRound(runs);
      out.levels.push({ c, rate: m.rate, p50: m.p50, p95: m.p95, p99: m.p99, floor: m.floor, ratio: m.ratio });
      line(`${name}.c${c}`, m.rate, 'cmd/s');
      for (const p of ['p50', 'p95', 'p99'] as const) line(`${name}.c${c}.${p}`, m[p], 'ms');
      line(`${name}.c${c}.knex-floor`, m.floor, 'cmd/s');
      line(`${name}.c${c}.ratio-to-floor`, m.ratio, 'x');
      if (dialect === 'mysql') {
        // the same replay on the command pool (BEGIN with the first statement): what the store itself allows
        line(`${name}.c${c}.store-floor`, m.store, 'cmd/s');
        line(`${name}.c${c}.ratio-to-store-floor`, m.storeRatio, 'x');
      }
      line(`${name}.c${c}.knex-floor-minimal`, m.minimal, 'cmd/s');
      line(`${name}.c${c}.ratio-to-floor-minimal`, m.rate / m.minimal, 'x');
      if (runs.length > 1) {
        line(`${name}.c${c}.rounds`, runs.length, 'rounds');
        line(`${name}.c${c}.rounds-min`, Math.min(...runs.map((x) => x.rate)), 'cmd/s');
        line(`${name}.c${c}.rounds-max`, Math.max(...runs.map((x) => x.rate)), 'cmd/s');
      }
    }
    return out;
  } finally {
    http.close();
    await server.close();
  }
}
