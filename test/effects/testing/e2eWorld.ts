/**
 * An end-to-end world: a runtime on a fresh SQLite or MariaDB store with the sample county 涪江县
 * and its five service items, real adapters loaded by path (as a deployment names them), the API
 * listening on a free port, and a small HTTP client.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { loadConfig } from '../../../runtime/src/config/loadConfig.ts';
import { createRuntime, type Runtime } from '../../../runtime/src/createRuntime.ts';
import { seedRuntime } from '../../../runtime/src/seed/seedRuntime.ts';
import { createTestDb, type TestDb } from '../../../runtime/src/testing/testDbs.ts';
import type { Dialect } from '../../../runtime/src/store/createDb.ts';

/** The path of an adapter workspace's entry, as TONGBAN_ADAPTERS would name it. */
export const adapterPath = (name: string) => fileURLToPath(new URL(`../../../adapters/${name}/src/index.ts`, import.meta.url));

/** A running world. */
export interface E2eWorld {
  rt: Runtime; db: TestDb; url: string;
  api(method: string, path: string, opts?: { user?: string; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<{ status: number; body: any }>;
  /** polls `probe` until it returns a value (or fails saying what it waited for) */
  until<T>(what: string, probe: () => Promise<T | undefined>, ms?: number): Promise<NonNullable<T>>;
  close(): Promise<void>;
}

/** Starts a world with the given adapters (workspace names). */
export async function e2eWorld(dialect: Dialect, adapters: string[]): Promise<E2eWorld> {
  const db = await createTestDb(dialect);
  const config = loadConfig({ TONGBAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'tongban-e2e-')), PORT: '0', LOG_LEVEL: 'silent' });
  const rt = await createRuntime(config, { db, logger: pino({ level: 'silent' }), jobs: 'off', adapters: adapters.map(adapterPath) });
  await seedRuntime(rt, { cases: false });
  const { url } = await rt.listen(0);
  const tokens = new Map<string, string>();
  const token = async (user: string) => {
    if (!tokens.has(user)) {
      const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password: 'Tongban@2025' }) });
      tokens.set(user, ((await r.json()) as { token: string }).token);
    }
    return tokens.get(user)!;
  };
  return {
    rt, db, url,
    async api(method, path, o = {}) {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (o.user) headers.authorization = `Bearer ${await token(o.user)}`;
      let body = o.raw;
      if (o.body !== undefined) { body = JSON.stringify(o.body); headers['content-type'] ??= 'application/json'; }
      const res = await fetch(url + path, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try { parsed = JSON.parse(text); } catch { /* not JSON */ }
      return { status: res.status, body: parsed };
    },
    async until(what, probe, ms = 10_000) {
      const end = Date.now() + ms;
      let last: unknown;
      for (;;) {
        await rt.dispatch();
        const v = await probe().catch((e: unknown) => { last = e; return undefined; });
        if (v !== undefined && v !== null && v !== false) return v as never;
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() { await rt.close().catch(() => undefined); await db.dispose().catch(() => undefined); },
  };
}
