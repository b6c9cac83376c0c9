/** `tongban start`: migrate, seed the sample county (unless TONGBAN_SEED=false), serve the API. */
import { ConfigError, loadConfig } from '../../config/loadConfig.ts';
import { createRuntime } from '../../createRuntime.ts';
import { seedRuntime } from '../../seed/seedRuntime.ts';
import { sampleAdapters } from '@tongban/examples';
import { guardProcess } from '../guardProcess.ts';

export const summary = '启动服务（默认内置 SQLite，PORT=3000，TONGBAN_DATA_DIR=./data） Start the API server';

export async function run(_args: string[]): Promise<number> {
  let config;
  try {
    config = loadConfig();
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
  if (config.seedOnStart) for (const line of await seedRuntime(rt)) rt.logger.info(line);
  try {
    await rt.jobs.start(); // fail the start when e.g. Redis cannot be reached, rather than only logging it
  } catch (err) {
    process.stderr.write(`定时任务驱动无法启动 The timer driver cannot start: ${(err as Error).message}\n`);
    await rt.close();
    return 2;
  }
  const { url } = await rt.listen();
  rt.logger.info({ url, store: config.databaseUrl ? 'mysql' : 'sqlite', dataDir: config.dataDir }, `通办已启动 Tongban listening on ${url}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await rt.close();
  return 0;
}
