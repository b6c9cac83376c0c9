/**
 * The keyed-hash lookup index of encrypted personal data (`pii_lookup`): one row per value and
 * data path, nested values included, so a case can be found by an ID number without decrypting
 * anything. Rewritten with the case on every command (delete + insert in the same batch).
 */
import type { Knex } from 'knex';
import type { PiiKind } from '@tongban/engine';
import type { PiiCodec } from './createPiiCodec.ts';
import type { Write } from '../store/compileWrite.ts';
import { valuesAt } from './dataPaths.ts';
import { encryptedPaths } from './piiFields.ts';

/** The index rows of data: one per encrypted path and distinct value (keyed hash). */
function rowsOf(caseId: string, paths: string[], data: Record<string, unknown>, codec: PiiCodec): Map<string, { case_id: string; field: string; hmac: string }> {
  const rows = new Map<string, { case_id: string; field: string; hmac: string }>();
  for (const field of paths) {
    for (const v of valuesAt(data, field)) {
      const plain = typeof v === 'string' && codec.isSealed(v) ? codec.decrypt(v) : v;
      if (typeof plain !== 'string' || !plain) continue;
      const hmac = codec.hmac(plain);
      rows.set(`${field}\u0000${hmac}`, { case_id: caseId, field, hmac });
    }
  }
  return rows;
}

/** The index keys (path + keyed hash) of data, to compare before and after a step. */
export function lookupKeys(fields: Map<string, PiiKind>, data: Record<string, unknown>, codec: PiiCodec): Set<string> {
  return new Set(rowsOf('', encryptedPaths(fields), data, codec).keys());
}

/**
 * Queues the index rows of a case's current data: nothing when the definition has no encrypted
 * fields or the keys are the same as `before` (most commands), else delete + insert.
 */
export function lookupRows(caseId: string, fields: Map<string, PiiKind>, data: Record<string, unknown>, codec: PiiCodec, add: (w: Write) => void, before?: Set<string>): void {
  const paths = encryptedPaths(fields);
  if (!paths.length) return;
  const rows = rowsOf(caseId, paths, data, codec);
  if (before && before.size === rows.size && [...rows.keys()].every((k) => before.has(k))) return;
  add({ delete: 'pii_lookup', where: { case_id: caseId } });
  if (rows.size) add({ insert: 'pii_lookup', rows: [...rows.values()] });
}

/** Ids of cases holding `plain` (an ID number) under any encrypted path, for a scoped search. */
export function casesWithValue(knex: Knex, codec: PiiCodec, plain: string): Knex.QueryBuilder {
  return knex('pii_lookup').select('case_id').where('hmac', codec.hmac(plain));
}
