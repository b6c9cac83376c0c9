import { describe, expect, it } from 'vitest';
import { maskValue } from './maskValue.ts';

describe('maskValue', () => {
  it.each([
    ['name', '张三', '张*'],
    ['name', '张三丰', '张*丰'],
    ['name', '欧阳娜娜', '欧**娜'],
    ['name', '张', '*'],
    ['phone', '13812341234', '138****1234'],
    ['phone', 13812341234, '138****1234'],
    ['phone', '0551-62345678', '055****5678'],
    ['phone', '12345', '*2345'],
    ['phone', '110', '***'],
    ['id-number', '110101199003071234', '1****************4'],
    ['id-number', '11010119900307123X', '1****************X'],
    ['id-number', '12', '**'],
    ['birth-date', '1948-03-07', '1948-**-**'],
    ['sex', '女', '*'],
    ['address', '桃花镇幸福路88号3栋501室', '桃花镇幸福路88号3栋****'],
    ['address', '丰乐社区3栋2单元501室', '丰乐社区3栋2单元****'],
    ['address', '幸福路88号', '幸福路88号'],
    ['address', '合肥市肥西县上派镇', '合肥市肥****'],
    ['email', 'zhang@example.cn', 'z***@example.cn'],
  ])('%s %j → %s', (kind, value, expected) => {
    expect(maskValue(kind, value)).toBe(expected);
  });

  it('shows verifiers first 6 + last 4 of an ID number', () => {
    expect(maskValue('id-number', '51072219480307002X', { verifier: true })).toBe('510722********002X');
  });

  it('hides sensitive and unknown kinds', () => {
    for (const kind of ['health', 'biometric', 'special-identity', 'minor', 'private', 'no-such-kind']) expect(maskValue(kind, 'x')).toBeUndefined();
  });

  it('rounds coordinates to about 100 m', () => {
    expect(maskValue('gps', { lat: 31.123456, lng: 104.987654 })).toEqual({ lat: 31.123, lng: 104.988 });
    expect(maskValue('location', [104.98765, 31.12345])).toEqual([104.988, 31.123]);
  });

  it('keeps missing values missing', () => {
    expect(maskValue('phone', null)).toBeNull();
    expect(maskValue('phone', undefined)).toBeUndefined();
  });
});
