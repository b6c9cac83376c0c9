/**
 * `tongban rotate-key`: after setting a new TONGBAN_PII_KEY and moving the old one to
 * TONGBAN_PII_OLD_KEYS, re-encrypts all stored ID numbers under the new key.
 */
import { loadConfig } from '../../config/loadConfig.ts';
import { openDb } from '../../store/createDb.ts';
import { createPiiCodec } from '../../pii/createPiiCodec.ts';
import { rotateKeys } from '../../pii/rotateKeys.ts';

export const summary = '个人信息密钥轮换 Re-encrypt personal data under the current key';

export async function run(_args: string[]): Promise<number> {
  const config = loadConfig();
  const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const codec = createPiiCodec(config.piiKey, config.piiOldKeys, config.hmacKey);
    const counts = await rotateKeys(db.knex, codec);
    process.stdout.write(`已轮换 rotated to key ${codec.keyId}: ${JSON.stringify(counts)}\n`);
    return 0;
  } finally {
    await db.close();
  }
}
