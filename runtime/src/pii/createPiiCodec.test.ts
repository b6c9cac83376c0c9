import { describe, expect, it } from 'vitest';
import { createPiiCodec } from './createPiiCodec.ts';

describe('createPiiCodec', () => {
  it('encrypts with AES-GCM, rotates keys and hashes for lookup', () => {
    const oldKey = Buffer.alloc(32, 1);
    const newKey = Buffer.alloc(32, 2);
    const hk = Buffer.alloc(32, 3);
    const before = createPiiCodec(oldKey, [], hk);
    const sealed = before.encrypt('51072219800101123X');
    expect(sealed).not.toContain('1980');
    expect(before.decrypt(sealed)).toBe('51072219800101123X');
    const after = createPiiCodec(newKey, [oldKey], hk);
    expect(after.needsRotation(sealed)).toBe(true);
    expect(after.decrypt(sealed)).toBe('51072219800101123X');
    expect(after.needsRotation(after.encrypt('x'))).toBe(false);
    expect(() => createPiiCodec(newKey, [], hk).decrypt(sealed)).toThrow(/no key/);
    expect(before.hmac('51072219800101123x')).toBe(after.hmac('51072219800101123X'));
    const tampered = sealed.slice(0, -4) + 'AAA=';
    expect(() => before.decrypt(tampered)).toThrow();
  });
});
