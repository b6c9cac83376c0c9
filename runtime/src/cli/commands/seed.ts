/** `tongban seed`: load the sample county, publish the service items and drive the seed cases (idempotent). */
import { loadConfig } from '../../config/loadConfig.ts';
import { createRuntime } from '../../createRuntime.ts';
import { seedRuntime } from '../../seed/seedRuntime.ts';

export const summary = '载入示例县数据、发布服务事项并生成示例案件 Seed the sample county and its cases';

export async function run(_args: string[]): Promise<number> {
  const config = loadConfig();
  // Jobs off: seeding fires only the timers its scripts advance past, never the clock's.
  const rt = await createRuntime(config, { jobs: 'off' });
  try {
    for (const line of await seedRuntime(rt)) process.stdout.write(line + '\n');
    return 0;
  } finally {
    await rt.close();
  }
}
