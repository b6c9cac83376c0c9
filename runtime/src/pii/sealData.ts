/**
 * Seals case data for storage (ID numbers encrypted) and opens it for the engine. Event and
 * outbox payloads are scrubbed of any plaintext they echo, so nothing readable is left at rest.
 */
import type { PiiKind } from '@tongban/engine';
import type { PiiCodec } from './createPiiCodec.ts';
import { encryptedKinds } from './piiFields.ts';

/** The data with encrypted-kind fields sealed; `secrets` collects plaintext → sealed for scrubbing. */
export function sealData(codec: PiiCodec, fields: Map<string, PiiKind>, data: Record<string, unknown>, secrets = new Map<string, string>()): Record<string, unknown> {
  const out = { ...data };
  for (const [name, kind] of fields) {
    const v = out[name];
    if (!encryptedKinds.has(kind) || typeof v !== 'string' || v === '' || codec.isSealed(v)) continue;
    const sealed = secrets.get(v) ?? codec.encrypt(v);
    secrets.set(v, sealed);
    out[name] = sealed;
  }
  return out;
}

/** The data with sealed fields decrypted. */
export function openData(codec: PiiCodec, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) out[k] = codec.isSealed(v) ? codec.decrypt(v) : v;
  return out;
}

/** Replaces every occurrence of a known plaintext in serialised JSON by its sealed form. */
export function scrub(json: string, secrets: Map<string, string>): string {
  let out = json;
  for (const [plain, sealed] of secrets) {
    const needle = JSON.stringify(plain).slice(1, -1);
    if (needle.length >= 6) out = out.split(needle).join(sealed);
  }
  return out;
}
