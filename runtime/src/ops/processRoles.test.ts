/**
 * Process roles with real processes on one SQLite file: a worker (no API; probes on its own port)
 * and a server; readiness follows the worker's heartbeat; SIGTERM drains and exits 0; a bad role
 * and an unreachable Redis fail the start with coded zh-CN + English messages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, spawnTongban, waitFor, type TongbanProcess } from '../testing/spawnTongban.ts';

const dir = mkdtempSync(join(tmpdir(), 'tongban-roles-'));
const base = { TONGBAN_DATA_DIR: dir, TONGBAN_SEED: 'false', HOST: '127.0.0.1', LOG_LEVEL: 'info', TONGBAN_ADAPTERS: '' };
const started: TongbanProcess[] = [];
const start = (args: string[], env: Record<string, string>) => { const p = spawnTongban(['start', ...args], { ...base, ...env }); started.push(p); return p; };

afterAll(async () => {
  for (const p of started) p.signal('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('tongban start --role', () => {
  it('refuses an unknown role and an unreachable Redis with a coded message, exit 2', async () => {
    const bad = start(['--role', 'boss'], { PORT: String(await freePort()) });
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toContain('cli.bad-role');
    const env = start(['--role', 'worker'], { TONGBAN_JOBS: 'bullmq', REDIS_URL: 'redis://127.0.0.1:1' });
    expect(await env.exited).toBe(2);
    expect(env.output()).toMatch(/jobs\.redis-unreachable: BullMQ 任务驱动无法连接 Redis \(cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
  }, 120_000);

  it('refuses a port already in use with a clear message, exit 2 (before: a TypeError, and a process that never listened and never ended)', async () => {
    const taken = createServer();
    const port = await new Promise<number>((resolve) => taken.listen(0, '127.0.0.1', () => resolve((taken.address() as { port: number }).port)));
    try {
      const second = start([], { PORT: String(port), TONGBAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'tongban-port-')) });
      expect(await second.exited).toBe(2);
      expect(second.output()).toContain(`无法监听 Cannot listen: 端口 ${port} 已被占用 port ${port} is already in use`);
      expect(second.output()).not.toContain('TypeError');
    } finally {
      taken.close();
    }
  }, 120_000);

  it('runs a worker and a server on one store; readiness follows the worker; SIGTERM drains and exits 0', async () => {
    const [probePort, apiPort] = [await freePort(), await freePort()];
    const probes = `http://127.0.0.1:${probePort}`;
    const api = `http://127.0.0.1:${apiPort}`;
    const worker = start(['--role', 'worker'], { TONGBAN_METRICS_PORT: String(probePort) });
    const probe = await waitFor(worker, `${probes}/healthz`);
    expect(JSON.parse(probe.body)).toMatchObject({ status: 'ok', role: 'worker' });
    await waitFor(worker, `${probes}/readyz`);
    const server = start(['--role', 'server'], { PORT: String(apiPort) });
    const ready = await waitFor(server, `${api}/readyz`);
    expect(JSON.parse(ready.body).checks.map((c: { name: string; ok: boolean }) => `${c.name}:${c.ok}`)).toEqual(['database:true', 'migrations:true', 'worker:true']);
    // the worker serves no API, only its probes
    expect((await fetch(`${probes}/api/openapi.json`)).status).toBe(404);
    const metrics = await (await fetch(`${api}/metrics`)).text();
    expect(metrics).toMatch(/tongban_http_request_duration_seconds_count\{role="server",method="GET",route="\/readyz",status="200"\} [1-9]/);
    expect(metrics).toContain('tongban_dead_letters{source="timer",role="server"} 0');

    worker.signal('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain('Draining');
    // a clean stop removes the worker's heartbeat: the server says nobody works the queues
    const notReady = await waitFor(server, `${api}/readyz`, (s) => s === 503);
    expect(JSON.parse(notReady.body).checks).toContainEqual(expect.objectContaining({ name: 'worker', ok: false, code: 'ops.no-worker' }));

    server.signal('SIGTERM');
    expect(await server.exited).toBe(0);
    await expect(fetch(`${api}/healthz`)).rejects.toThrow();
  }, 180_000);
});
