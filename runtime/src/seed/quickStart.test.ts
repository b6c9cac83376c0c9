/**
 * The README's quick start, as a county meets it on day one: `tongban start` on a fresh data folder
 * (sample county, its adapters — Mosquitto for the devices — and the embedded jobs driver). The seed
 * cases are history: none of their calls goes out to a device, a hospital or a gateway, so the operator
 * API lists no dead letters; a second start on the same folder adds nothing and still lists none.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { seedCases } from '@tongban/examples';

const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Started { child: ChildProcess; url: string; log: () => string }

async function start(dataDir: string): Promise<Started> {
  const child = spawn(process.execPath, [join(root, 'runtime/bin/tongban.mjs'), 'start'], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', TONGBAN_DATA_DIR: dataDir, TONGBAN_SEED: 'true', TONGBAN_JOBS: 'embedded', NODE_ENV: 'development' },
  });
  let out = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`tongban start exited ${code}: ${out.slice(-2000)}`)));
    child.stdout!.on('data', () => { const m = /listening on (http:\/\/[\d.:]+)/.exec(out); if (m) resolve(m[1]!); });
  });
  return { child, url, log: () => out };
}

async function stop(s: Started | undefined): Promise<void> {
  if (!s || s.child.exitCode !== null) return;
  s.child.kill('SIGTERM');
  await new Promise((r) => s.child.once('exit', r));
}

async function deadLetters(url: string): Promise<unknown[]> {
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'county-admin', password: 'Tongban@2025' }) });
  const { token } = (await login.json()) as { token: string };
  const items: unknown[] = [];
  for (const source of ['outbox', 'timer']) {
    const res = await fetch(`${url}/api/ops/dead-letters?source=${source}&limit=200`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    items.push(...((await res.json()) as { items: unknown[] }).items);
  }
  return items;
}

type Row = { status: string; kind: string; origin: string | null; attempts: number; n: number };

/** Outbox rows by status, kind and origin, read beside the running server (WAL lets a reader in). */
function outbox(dataDir: string): Row[] {
  const db = new Database(join(dataDir, 'tongban.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('select status, kind, origin, max(attempts) as attempts, count(*) as n from outbox group by status, kind, origin order by status, kind').all() as Row[];
  } finally { db.close(); }
}

/** Waits until the runner has taken every row it will take (nothing pending or running). */
async function drained(dataDir: string): Promise<Row[]> {
  for (;;) {
    const rows = outbox(dataDir);
    if (!rows.some((r) => r.status === 'pending' || r.status === 'running')) return rows;
    await new Promise((r) => setTimeout(r, 250));
  }
}

const count = (dataDir: string, sql: string) => {
  const db = new Database(join(dataDir, 'tongban.sqlite'), { readonly: true, fileMustExist: true });
  try { return Number((db.prepare(sql).get() as { n: number }).n); } finally { db.close(); }
};

describe('the quick start on a fresh data folder', () => {
  let running: Started | undefined;
  afterEach(async () => { await stop(running); running = undefined; });

  it('shows no dead letters and sends nothing for the seeded history, on the first start and the second', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tongban-quickstart-'));
    running = await start(dataDir);
    // the start line says where it listens, in a few fields, not the node server object
    const started = JSON.parse(running.log().split('\n').find((l) => l.includes('listening on'))!) as Record<string, unknown>;
    expect(started).toMatchObject({ url: running.url, role: 'all', jobs: 'embedded', store: 'sqlite' });
    expect(started).not.toHaveProperty('server');
    const rows = await drained(dataDir);
    // every outbound call of the seed (device commands, FHIR tasks, the 12345 platform, SMS) is settled, never claimed
    const outbound = rows.filter((r) => r.kind === 'adapter.invoke' || r.kind === 'notify.send');
    expect(outbound.length).toBeGreaterThan(0);
    expect(outbound.map((r) => [r.kind, r.status, r.origin, r.attempts])).toEqual(outbound.map((r) => [r.kind, 'seeded', 'seed', 0]));
    // internal work (inbox notices, sub-cases, points) still ran
    expect(rows.filter((r) => r.kind === 'notify').map((r) => r.status)).toEqual(['done']);
    expect(rows.filter((r) => r.status === 'dead' || r.status === 'parked')).toEqual([]);
    expect(await deadLetters(running.url)).toEqual([]);
    const cases = count(dataDir, 'select count(*) as n from cases');
    const seedRows = count(dataDir, "select count(*) as n from outbox where origin = 'seed'");
    await stop(running);

    running = await start(dataDir);
    expect(running.log().match(/seed case exists/g)).toHaveLength(seedCases.length);
    await drained(dataDir);
    expect(count(dataDir, 'select count(*) as n from cases')).toBe(cases);
    expect(count(dataDir, "select count(*) as n from outbox where origin = 'seed'")).toBe(seedRows);
    expect(count(dataDir, "select count(*) as n from outbox where status in ('dead', 'parked')")).toBe(0);
    expect(await deadLetters(running.url)).toEqual([]);
  }, 180_000);
});
