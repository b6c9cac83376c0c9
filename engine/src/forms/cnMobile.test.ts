import { describe, it, expect } from 'vitest';
import { isCnMobile } from './cnMobile.ts';

describe('cn-mobile', () => {
  it('accepts mainland mobile numbers from 13x to 19x', () => {
    for (const v of ['13800138000', '15928761234', '19912345678', '16600001111']) expect(isCnMobile(v)).toBe(true);
  });

  it('rejects landlines, 12x, prefixes, separators and wrong lengths', () => {
    for (const v of ['0816-2221234', '12812345678', '+8613800138000', '138 0013 8000', '1380013800', '138001380001']) {
      expect(isCnMobile(v)).toBe(false);
    }
  });
});
