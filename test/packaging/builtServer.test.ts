/**
 * `npm start` runs the production build: the compiled server starts on a fresh data folder (migrates,
 * seeds the sample county, loads the adapters from build/), answers the API, stops on SIGTERM, and
 * starts again on the same data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtBin, repoRoot, startTongban, stopTongban, type Started } from './startTongban.ts';
// @ts-expect-error a plain .mjs script without declarations
import { build } from '../../scripts/build.mjs';

const dataDir = mkdtempSync(path.join(tmpdir(), 'tongban-built-'));
const PORT = 3291;
let server: Started | undefined;

beforeAll(() => { (build as (o: { log: (s: string) => void }) => boolean)({ log: () => {} }); }, 600_000);
afterAll(async () => {
  if (server) await stopTongban(server);
  rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

async function casesSeenBy(url: string, username: string): Promise<number> {
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Tongban@2025' }) });
  expect(login.status).toBe(200);
  const { token } = await login.json() as { token: string };
  const res = await fetch(`${url}/api/cases?limit=50`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: unknown[] }).items.length;
}

describe('the production build', () => {
  it('the package scripts start the compiled CLI, not the sources through tsx', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('node build/runtime/bin/tongban.mjs start');
    const runtime = JSON.parse(readFileSync(path.join(repoRoot, 'runtime/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(runtime.dependencies)).not.toContain('tsx');
    expect(Object.keys(runtime.dependencies)).not.toContain('bpmn-engine');
  });

  it('starts on a fresh folder, seeds, serves, stops on SIGTERM and starts again on the same data', async () => {
    server = await startTongban(builtBin, { TONGBAN_DATA_DIR: dataDir }, PORT);
    const before = await casesSeenBy(server.url, 'county-dispatcher-1');
    expect(before).toBeGreaterThan(0);
    await stopTongban(server);
    expect(server.child.exitCode ?? server.child.signalCode).not.toBeNull();
    server = await startTongban(builtBin, { TONGBAN_DATA_DIR: dataDir }, PORT);
    expect(await casesSeenBy(server.url, 'county-dispatcher-1')).toBe(before);
    // the compiled adapters were loaded from build/, not from the TypeScript sources
    expect(server.output()).not.toMatch(/host\.load-failed/);
  }, 600_000);
});
