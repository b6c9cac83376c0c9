/** `tongban migrate [up|down|status]`: the schema on the configured store. */
import { loadConfig } from '../../config/loadConfig.ts';
import { openDb } from '../../store/createDb.ts';
import { migrateDownAll, migrateLatest, migrationStatus } from '../../store/migrate.ts';

export const summary = '数据库迁移 up|down|status Run schema migrations';

export async function run(args: string[]): Promise<number> {
  const config = loadConfig();
  const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const action = args[0] ?? 'up';
    if (action === 'up') process.stdout.write(`applied: ${(await migrateLatest(db.knex)).join(', ') || '(none)'}\n`);
    else if (action === 'down') process.stdout.write(`rolled back: ${(await migrateDownAll(db.knex)).join(', ') || '(none)'}\n`);
    else if (action === 'status') process.stdout.write(JSON.stringify(await migrationStatus(db.knex)) + '\n');
    else { process.stderr.write('用法 usage: tongban migrate [up|down|status]\n'); return 2; }
    return 0;
  } finally {
    await db.close();
  }
}
