/**
 * Field-level encryption for ID numbers: AES-256-GCM with a random IV, tagged with the key id so
 * old keys keep decrypting until `tongban rotate-key` re-encrypts; plus an HMAC for lookups.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';

/** Encrypts, decrypts and hashes personal data values. */
export interface PiiCodec {
  /** id of the current key (first 8 hex of its SHA-256) */
  keyId: string;
  encrypt(plain: string): string;
  /** plaintext of an `enc:v1:` value; other strings pass through unchanged */
  decrypt(value: string): string;
  isSealed(value: unknown): value is string;
  /** true when the value is sealed under an older key */
  needsRotation(value: string): boolean;
  hmac(plain: string): string;
}

/** Key id: a short fingerprint, never the key. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** Creates a codec over the current key, older keys, and the HMAC key. */
export function createPiiCodec(key: Buffer, oldKeys: Buffer[], hmacKey: Buffer): PiiCodec {
  const keys = new Map([key, ...oldKeys].map((k) => [keyIdOf(k), k]));
  const keyId = keyIdOf(key);
  return {
    keyId,
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return PREFIX + [keyId, iv.toString('base64'), ct.toString('base64'), c.getAuthTag().toString('base64')].join(':');
    },
    decrypt(value) {
      if (!value.startsWith(PREFIX)) return value;
      const [kid, iv, ct, tag] = value.slice(PREFIX.length).split(':');
      const k = keys.get(kid ?? '');
      if (!k) throw new Error(`no key ${kid} to decrypt personal data (set TONGBAN_PII_OLD_KEYS)`);
      const d = createDecipheriv('aes-256-gcm', k, Buffer.from(iv!, 'base64'));
      d.setAuthTag(Buffer.from(tag!, 'base64'));
      return Buffer.concat([d.update(Buffer.from(ct!, 'base64')), d.final()]).toString('utf8');
    },
    isSealed: (value): value is string => typeof value === 'string' && value.startsWith(PREFIX),
    needsRotation: (value) => value.startsWith(PREFIX) && !value.startsWith(PREFIX + keyId + ':'),
    hmac: (plain) => createHmac('sha256', hmacKey).update(plain.trim().toUpperCase()).digest('hex'),
  };
}
