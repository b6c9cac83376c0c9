/**
 * Seals case data for storage (ID numbers encrypted, at any depth) and opens it for the engine.
 * Event, outbox and draft payloads are scrubbed of any plaintext they echo, so nothing readable is
 * left at rest.
 */
import type { PiiKind } from '@tongban/engine';
import type { PiiCodec } from './createPiiCodec.ts';
import { cloneData, visitPath } from './dataPaths.ts';
import { encryptedPaths } from './piiFields.ts';

/** A copy of the data with every encrypted-kind value sealed; `secrets` collects plaintext → sealed for scrubbing. */
export function sealData(codec: PiiCodec, fields: Map<string, PiiKind>, data: Record<string, unknown>, secrets = new Map<string, string>()): Record<string, unknown> {
  const paths = encryptedPaths(fields);
  if (!paths.length) return { ...data };
  const out = cloneData(data);
  for (const path of paths) {
    visitPath(out, path, (v, set) => {
      if (typeof v !== 'string' || v === '' || codec.isSealed(v)) return;
      const sealed = secrets.get(v) ?? codec.encrypt(v);
      secrets.set(v, sealed);
      set(sealed);
    });
  }
  return out;
}

/** The data with every sealed value (at any depth) decrypted. */
export function openData<T>(codec: PiiCodec, data: T): T {
  const open = (v: unknown): unknown => {
    if (codec.isSealed(v)) return codec.decrypt(v);
    if (Array.isArray(v)) return v.map(open);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, open(x)]));
    return v;
  };
  return open(data) as T;
}

/** Plaintext → sealed for every encrypted-kind value of the data (to scrub payloads that echo them). */
export function secretsOf(codec: PiiCodec, fields: Map<string, PiiKind>, data: Record<string, unknown>, secrets = new Map<string, string>()): Map<string, string> {
  sealData(codec, fields, data, secrets);
  return secrets;
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
