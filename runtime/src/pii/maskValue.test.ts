import { describe, expect, it } from 'vitest';
import { maskValue } from './maskValue.ts';
import { createPiiCodec } from './createPiiCodec.ts';

describe('maskValue', () => {
  it('masks per kind as the domain rules say', () => {
    expect(maskValue('name', '张三')).toBe('张*');
    expect(maskValue('name', '张三丰')).toBe('张*丰');
    expect(maskValue('phone', '13812341234')).toBe('138****1234');
    expect(maskValue('id-number', '51072219800101123X')).toBe('5****************X');
    expect(maskValue('id-number', '51072219800101123X', { verifier: true })).toBe('510722********123X');
    expect(maskValue('address', '幸福路12号3栋2单元501室')).toBe('幸福路12号3栋2单元');
    expect(maskValue('gps', { lat: 31.123456, lng: 104.987654 })).toEqual({ lat: 31.123, lng: 104.988 });
    expect(maskValue('health', '高血压')).toBeUndefined();
    expect(maskValue('special-identity', '低保')).toBeUndefined();
    expect(maskValue('private', '纠纷细节')).toBeUndefined();
  });
});

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
