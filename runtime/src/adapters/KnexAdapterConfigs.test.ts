import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../testing/testDbs.ts';
import { createPiiCodec } from '../pii/createPiiCodec.ts';
import { rotateKeys } from '../pii/rotateKeys.ts';
import { createAdapterConfigs } from './KnexAdapterConfigs.ts';

describe.each(testDialects)('adapter settings on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => { db = await createTestDb(dialect); });
  afterAll(async () => db.dispose());

  it('keep secrets sealed at rest, seed without overwriting, and follow a key rotation', async () => {
    const [oldKey, newKey, hmac] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    const before = createPiiCodec(oldKey, [], hmac);
    await createAdapterConfigs(db.knex, before).put('sms-gateway', { version: 1, config: { baseUrl: 'https://sms.example.cn' }, secrets: { accessKey: 'ak-live-123456' } }, 'u-admin');
    await createAdapterConfigs(db.knex, before).put('sms-gateway', { version: 1, config: { baseUrl: 'http://seed' }, secrets: {} }, 'system:seed', { onlyIfAbsent: true });
    const raw = await db.knex('adapter_configs').where({ plugin_id: 'sms-gateway' }).first();
    expect(raw.secrets).toMatch(new RegExp(`^enc:v1:${before.keyId}:`));
    expect(JSON.stringify(raw)).not.toContain('ak-live-123456');
    const after = createPiiCodec(newKey, [oldKey], hmac);
    expect(await rotateKeys(db.knex, after)).toMatchObject({ adapter_configs: 1 });
    const rotated = await db.knex('adapter_configs').where({ plugin_id: 'sms-gateway' }).first('secrets');
    expect(rotated.secrets).toMatch(new RegExp(`^enc:v1:${after.keyId}:`));
    expect(await createAdapterConfigs(db.knex, createPiiCodec(newKey, [], hmac)).get('sms-gateway')).toMatchObject({ config: { baseUrl: 'https://sms.example.cn' }, secrets: { accessKey: 'ak-live-123456' }, updatedBy: 'u-admin' });
  });
});
