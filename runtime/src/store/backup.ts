/**
 * Backup and restore of the embedded store (issue 14.8). A backup is a folder: `tongban.sqlite`, a
 * consistent copy taken with `VACUUM INTO` while the server keeps running (a read transaction in
 * WAL mode: writers are not blocked), then the attachments (immutable files named by id; copied
 * after the database, so every file a copied row names is there) and the signed audit checkpoints,
 * and `manifest.json` with the database's SHA-256 so a restore can refuse a damaged copy.
 * MariaDB deployments back up with `mariadb-dump --single-transaction` (docs/operations.md).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** What a backup holds. */
export interface BackupManifest { format: 1; createdAt: number; database: { file: string; bytes: number; sha256: string }; attachments: number; checkpoints: boolean; migrations: string[] }

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Backs up a data folder (its SQLite file, attachments and checkpoints) into an empty or new folder `dest`. */
export function backupSqlite(dataDir: string, dest: string, checkpointFile: string, now = Date.now()): BackupManifest {
  const source = join(dataDir, 'tongban.sqlite');
  if (!existsSync(source)) throw new Error(`没有找到数据库 no database at ${source}`);
  mkdirSync(dest, { recursive: true });
  if (readdirSync(dest).length) throw new Error(`备份目录须为空 the backup folder must be empty: ${dest}`);
  const target = join(dest, 'tongban.sqlite');
  const db = new Database(source, { readonly: true, fileMustExist: true });
  let migrations: string[];
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('VACUUM INTO ?').run(target);
    migrations = (db.prepare('select name from knex_migrations order by id').all() as Array<{ name: string }>).map((r) => r.name);
  } finally {
    db.close();
  }
  const files = join(dataDir, 'attachments');
  const attachments = existsSync(files) ? readdirSync(files).length : 0;
  if (attachments) cpSync(files, join(dest, 'attachments'), { recursive: true });
  // only checkpoints the copy can satisfy: one written after the snapshot names entries it lacks
  const checkpoints = existsSync(checkpointFile);
  if (checkpoints) {
    const copy = new Database(target, { readonly: true });
    const head = Number((copy.prepare('select seq from audit_head where id = 1').get() as { seq: number }).seq);
    copy.close();
    const lines = readFileSync(checkpointFile, 'utf8').split('\n').filter((l) => { try { return l.trim() !== '' && Number(JSON.parse(l).seq) <= head; } catch { return true; } });
    writeFileSync(join(dest, 'audit-checkpoints.jsonl'), lines.map((l) => l + '\n').join(''));
  }
  const manifest: BackupManifest = { format: 1, createdAt: now, database: { file: 'tongban.sqlite', bytes: readFileSync(target).length, sha256: sha256(target) }, attachments, checkpoints, migrations };
  writeFileSync(join(dest, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** Restores a backup folder into a data folder that has no database yet (or `force`), checking the copy first. */
export function restoreSqlite(src: string, dataDir: string, checkpointFile: string, opts: { force?: boolean } = {}): BackupManifest {
  const manifestFile = join(src, 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`不是备份目录（缺少 manifest.json） not a backup folder: ${src}`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BackupManifest;
  const copy = join(src, manifest.database.file);
  if (!existsSync(copy) || sha256(copy) !== manifest.database.sha256) throw new Error('备份数据库校验失败（SHA-256 不符） the backup database does not match its checksum');
  const target = join(dataDir, 'tongban.sqlite');
  if (existsSync(target) && !opts.force) throw new Error(`目标已有数据库，加 --force 覆盖 ${target} exists; add --force to replace it (stop the server first)`);
  mkdirSync(dataDir, { recursive: true });
  for (const suffix of ['-wal', '-shm']) if (existsSync(target + suffix)) writeFileSync(target + suffix, '');
  copyFileSync(copy, target);
  if (existsSync(join(src, 'attachments'))) cpSync(join(src, 'attachments'), join(dataDir, 'attachments'), { recursive: true });
  if (manifest.checkpoints) copyFileSync(join(src, 'audit-checkpoints.jsonl'), checkpointFile);
  return manifest;
}
