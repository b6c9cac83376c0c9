/** `tongban audit verify`: recompute the audit hash chain; exit 1 when broken. */
import { loadConfig } from '../../config/loadConfig.ts';
import { openDb } from '../../store/createDb.ts';
import { verifyAuditWithCheckpoints } from '../../audit/KnexAuditLog.ts';

export const summary = '审计链校验 verify Verify the audit log hash chain';

export async function run(args: string[]): Promise<number> {
  if (args[0] !== 'verify') { process.stderr.write('用法 usage: tongban audit verify\n'); return 2; }
  const config = loadConfig();
  const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const r = await verifyAuditWithCheckpoints(db.knex, config.auditKey, config.auditCheckpointFile);
    process.stdout.write(r.ok ? `审计链完整 audit chain intact: ${r.entries} entries, ${r.checkpoints ?? 0} signed checkpoints hold\n` : `审计链断裂 audit chain broken at seq ${r.brokenAt}: ${r.reason}\n`);
    return r.ok ? 0 : 1;
  } finally {
    await db.close();
  }
}
