/**
 * `tongban retention run [--dry-run]`: anonymises the personal data of cases closed longer than
 * their service item's `retention` (PIPL), as the worker does daily; `--dry-run` only counts.
 */
import { loadConfig } from '../../config/loadConfig.ts';
import { KnexDefinitionStore } from '../../definitions/KnexDefinitionStore.ts';
import { createPiiCodec } from '../../pii/createPiiCodec.ts';
import { runRetention } from '../../retention/runRetention.ts';
import { openDb } from '../../store/createDb.ts';

export const summary = '个人信息保存期限：匿名化超期已办结案件 run [--dry-run] Anonymise cases closed longer than their retention';

export async function run(args: string[]): Promise<number> {
  const dryRun = args.includes('--dry-run');
  const unknown = args.filter((a) => a !== 'run' && a !== '--dry-run');
  if (args[0] !== 'run' || unknown.length) { process.stderr.write('用法 usage: tongban retention run [--dry-run]\n'); return 2; }
  const config = loadConfig();
  const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const r = await runRetention({ knex: db.knex, dialect: db.dialect, definitions: new KnexDefinitionStore(db.knex), codec: createPiiCodec(config.piiKey, config.piiOldKeys, config.hmacKey), dataDir: config.dataDir }, { dryRun });
    for (const i of r.items) process.stdout.write(`${i.definitionId}\t${i.retention}\t${dryRun ? '待匿名化 due' : '已匿名化 anonymised'} ${i.cases}\n`);
    process.stdout.write(dryRun
      ? `试运行 dry run: ${r.cases} 件案件超过保存期限 cases past their retention, ${r.intakeDrafts} 份过期发起草稿 stale intake drafts; nothing written\n`
      : `已匿名化 anonymised ${r.cases} cases: ${r.values} values, ${r.events} events, ${r.lookups} lookup rows, ${r.outbox} outbox rows, ${r.attachments} attachments, ${r.comments} comments, ${r.notifications} notification titles, ${r.intakeDrafts} stale intake drafts; skipped ${r.skipped} (changed meanwhile)\n`);
    return 0;
  } finally {
    await db.close();
  }
}
