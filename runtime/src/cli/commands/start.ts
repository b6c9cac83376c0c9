/**
 * `tongban start [--role all|server|worker]`: migrate, seed the sample county (unless
 * TONGBAN_SEED=false; never from a worker), then serve the API (all, server) and/or fire timers,
 * deliver the outbox and run the adapters (all, worker). SIGTERM or SIGINT drains: no new requests,
 * work in flight finishes (bounded by TONGBAN_DRAIN_MS), then the process exits 0.
 */
import { ConfigError, loadConfig, type ProcessRole } from '../../config/loadConfig.ts';
import { createRuntime } from '../../createRuntime.ts';
import { seedRuntime } from '../../seed/seedRuntime.ts';
import { sampleAdapters } from '@tongban/examples';
import { guardProcess } from '../guardProcess.ts';
import { parseArgs } from '../io.ts';

export const summary = '启动服务（--role all|server|worker；默认内置 SQLite，PORT=3000） Start the API server and/or worker';

const roles: ProcessRole[] = ['all', 'server', 'worker'];

export async function run(args: string[]): Promise<number> {
  const { flags } = parseArgs(args, ['role']);
  const env = { ...process.env };
  if (flags.role !== undefined) {
    if (typeof flags.role !== 'string' || !roles.includes(flags.role as ProcessRole)) {
      process.stderr.write(`cli.bad-role: --role 须为 ${roles.join('|')} (--role must be ${roles.join('|')})\n`);
      return 2;
    }
    env.TONGBAN_ROLE = flags.role;
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) { process.stderr.write(err.message + '\n'); return 2; }
    throw err;
  }
  // the timer driver comes from TONGBAN_JOBS (checked at config load): embedded | bullmq | off;
  // adapters from TONGBAN_ADAPTERS, else (when the sample county is seeded) the sample county's
  config.adapters ??= config.seedOnStart ? sampleAdapters.modules : [];
  let rt;
  try {
    rt = await createRuntime(config);
  } catch (err) {
    if ((err as Error).name === 'HostError') { process.stderr.write(`适配器无法加载 Adapters cannot load:\n${(err as Error).message}\n`); return 2; }
    throw err;
  }
  guardProcess(rt.logger);
  if (config.seedOnStart && config.role !== 'worker') for (const line of await seedRuntime(rt)) rt.logger.info(line);
  try {
    // fail the start when e.g. Redis cannot be reached, rather than only logging it
    if (config.role === 'worker') await rt.work();
    else await rt.jobs.start();
  } catch (err) {
    process.stderr.write(`定时任务驱动无法启动 The timer driver cannot start: ${(err as Error).message}\n`);
    await rt.close();
    return 2;
  }
  let where: { url?: string } = {};
  if (config.role !== 'worker') {
    try {
      where = await rt.listen();
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const why = e.code === 'EADDRINUSE' ? `端口 ${config.port} 已被占用 port ${config.port} is already in use (another Tongban? set PORT)`
        : e.code === 'EADDRNOTAVAIL' ? `本机没有地址 ${config.host} this machine has no address ${config.host} (set HOST)`
          : e.code === 'EACCES' ? `无权监听端口 ${config.port} not allowed to listen on port ${config.port}` : e.message;
      process.stderr.write(`无法监听 Cannot listen: ${why}\n`);
      await rt.close();
      return 2;
    }
  }
  // the URL only: `listen()` also hands back the node server, which would be dumped whole into the log line
  const url = (where as { url?: string }).url;
  rt.logger.info({ ...(url ? { url } : {}), role: config.role, jobs: config.jobs, store: config.databaseUrl ? 'mysql' : 'sqlite', dataDir: config.dataDir },
    config.role === 'worker' ? '通办工作进程已启动 Tongban worker started' : `通办已启动 Tongban listening on ${url}`);
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  rt.logger.info({ signal, drainMs: config.drainMs }, '正在停止：处理完手头工作后退出 Draining: finishing work in hand, then exiting');
  const closeMs = config.drainMs + 30_000;
  const closed = await Promise.race([rt.close().then(() => true), new Promise<false>((r) => setTimeout(() => r(false), closeMs).unref())]);
  if (!closed) {
    // bounded, so a supervisor is never left waiting: the store is the truth, and leases bring back work cut short
    rt.logger.error({ code: 'ops.close-timeout', ms: closeMs, resources: process.getActiveResourcesInfo() }, '停止超时，强制退出 Stopping took too long; exiting');
    process.exit(1);
  }
  rt.logger.info('已停止 Stopped');
  // Everything we own is closed. A handle left behind (a client library still reconnecting to a
  // Redis that restarted, a timer of a dependency) must not keep a stopped process alive: the
  // supervisor waits for the exit. Say what was left, then go.
  const left = setTimeout(() => {
    rt.logger.warn({ code: 'ops.exit-forced', resources: process.getActiveResourcesInfo() }, '停止后仍有未关闭的句柄，强制退出 Handles left open after stopping; exiting anyway');
    process.exit(0);
  }, 2_000);
  left.unref();
  return 0;
}
