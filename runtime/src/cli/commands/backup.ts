/** `tongban backup <folder>`: an online backup of the embedded store (SQLite, attachments, audit checkpoints). */
import { loadConfig } from '../../config/loadConfig.ts';
import { backupSqlite } from '../../store/backup.ts';

export const summary = '在线备份（内置 SQLite）<目录> Back up the embedded store into a folder while it runs';

export async function run(args: string[]): Promise<number> {
  const dest = args[0];
  if (!dest) { process.stderr.write('用法 usage: tongban backup <folder>\n'); return 2; }
  const config = loadConfig();
  if (config.databaseUrl) {
    process.stderr.write('MariaDB/MySQL 请用 mariadb-dump --single-transaction 备份，见 docs/operations.md (use mariadb-dump --single-transaction; see docs/operations.md)\n');
    return 2;
  }
  const m = backupSqlite(config.dataDir, dest, config.auditCheckpointFile);
  process.stdout.write(`已备份 backed up: ${m.database.bytes} bytes (sha256 ${m.database.sha256.slice(0, 16)}…), ${m.attachments} attachments, checkpoints: ${m.checkpoints ? 'yes' : 'none'} → ${dest}\n`);
  return 0;
}
