/** `tongban seed`: load the sample county and publish the service items. */
import { loadConfig } from '../../config/loadConfig.ts';
import { openDb } from '../../store/createDb.ts';
import { migrateLatest } from '../../store/migrate.ts';
import { KnexDefinitionStore } from '../../definitions/KnexDefinitionStore.ts';
import { loadSampleCounty } from '../../seed/loadSampleCounty.ts';

export const summary = '载入示例县数据并发布服务事项 Seed the sample county';

export async function run(_args: string[]): Promise<number> {
  const config = loadConfig();
  const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateLatest(db.knex);
    for (const line of await loadSampleCounty(db.knex, new KnexDefinitionStore(db.knex))) process.stdout.write(line + '\n');
    return 0;
  } finally {
    await db.close();
  }
}
