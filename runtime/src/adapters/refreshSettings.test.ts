/**
 * Adapter settings saved through one process (a server's API) reach another process's adapters (the
 * worker that makes the calls) by `refresh()`, which the worker runs every few seconds.
 */
import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/loadConfig.ts';
import { createRuntime, type Runtime } from '../createRuntime.ts';

const ECHO = fileURLToPath(new URL('../effects/fixtures/echoPlugin.ts', import.meta.url));

describe('adapter settings across processes', () => {
  const open: Runtime[] = [];
  afterAll(async () => { for (const rt of open.reverse()) await rt.close(); });

  it('applies settings another runtime saved, once', async () => {
    const env = { TONGBAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'tongban-refresh-')), LOG_LEVEL: 'silent', TONGBAN_ADAPTER_ISOLATION: 'inline' };
    const make = async (role: 'server' | 'worker') => {
      const rt = await createRuntime(loadConfig({ ...env, TONGBAN_ROLE: role }), { logger: pino({ level: 'silent' }), adapters: [ECHO], jobs: 'off' });
      open.push(rt);
      return rt;
    };
    const server = await make('server');
    const worker = await make('worker');
    expect(worker.adapters.host.isConfigured('echo')).toBe(false);
    expect(await server.adapters.configure('echo', { config: { target: 'x' }, secrets: { token: 'tok-secret-123' } }, 'u-admin')).toEqual({ ok: true });
    expect(worker.adapters.host.isConfigured('echo')).toBe(false);
    expect(await worker.adapters.refresh()).toEqual(['echo']);
    expect(worker.adapters.host.isConfigured('echo')).toBe(true);
    expect(await worker.adapters.refresh()).toEqual([]);
  });
});
