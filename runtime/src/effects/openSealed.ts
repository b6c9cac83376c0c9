/** Outbox payloads carry ID numbers sealed (scrubbed at write); an adapter needs them open. */
import type { PiiCodec } from '../pii/createPiiCodec.ts';

/** A deep copy of `value` with every sealed string decrypted. */
export function openSealed(codec: PiiCodec, value: unknown): unknown {
  if (typeof value === 'string') return codec.isSealed(value) ? codec.decrypt(value) : value;
  if (Array.isArray(value)) return value.map((v) => openSealed(codec, v));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, openSealed(codec, v)]));
  return value;
}
