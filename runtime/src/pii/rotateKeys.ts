/**
 * Re-encrypts every sealed value (case snapshots, event and outbox payloads, task drafts, adapter
 * secrets, users' notification contact points) under the current key.
 */
import type { Knex } from 'knex';
import type { PiiCodec } from './createPiiCodec.ts';

const SEALED = /enc:v1:[0-9a-f]{8}:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*:[A-Za-z0-9+/=]+/g;

function reseal(text: string, codec: PiiCodec): string {
  return text.replace(SEALED, (v) => (codec.needsRotation(v) ? codec.encrypt(codec.decrypt(v)) : v));
}

/** Rotates in pages; returns how many rows changed per table. */
export async function rotateKeys(knex: Knex, codec: PiiCodec): Promise<Record<string, number>> {
  const targets: Array<[string, string, string]> = [['cases', 'id', 'snapshot'], ['case_events', 'id', 'payload'], ['outbox', 'id', 'payload'], ['tasks', 'id', 'draft'],
    ['adapter_configs', 'plugin_id', 'secrets'], ['notification_prefs', 'user_id', 'phone'], ['notification_prefs', 'user_id', 'wechat_openid']];
  const out: Record<string, number> = {};
  for (const [table, key, col] of targets) {
    let after: string | number = '';
    let changed = 0;
    for (;;) {
      const rows = (await knex(table).where(key, '>', after).where(col, 'like', '%enc:v1:%').orderBy(key).limit(500).select(key, col)) as Array<Record<string, string | number>>;
      for (const r of rows) {
        const next = reseal(String(r[col]), codec);
        if (next !== r[col]) { await knex(table).where(key, r[key]!).update({ [col]: next }); changed += 1; }
      }
      if (rows.length < 500) break;
      after = rows[rows.length - 1]![key]!;
    }
    out[table] = (out[table] ?? 0) + changed;
  }
  return out;
}
