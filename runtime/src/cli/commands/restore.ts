/** `tongban restore <folder> [--force]`: restores a backup into TONGBAN_DATA_DIR (stop the server first). */
import { loadConfig } from '../../config/loadConfig.ts';
import { restoreSqlite } from '../../store/backup.ts';

export const summary = '从备份恢复（内置 SQLite）<目录> [--force] Restore a backup folder into the data folder';

export async function run(args: string[]): Promise<number> {
  const src = args.find((a) => !a.startsWith('--'));
  if (!src) { process.stderr.write('用法 usage: tongban restore <folder> [--force]\n'); return 2; }
  const config = loadConfig();
  if (config.databaseUrl) { process.stderr.write('MariaDB/MySQL 请用 mariadb 客户端导入转储，见 docs/operations.md (restore the dump with the mariadb client)\n'); return 2; }
  const m = restoreSqlite(src, config.dataDir, config.auditCheckpointFile, { force: args.includes('--force') });
  process.stdout.write(`已恢复 restored the backup of ${new Date(m.createdAt).toISOString()} into ${config.dataDir}; run \`tongban audit verify\` and start the server\n`);
  return 0;
}
