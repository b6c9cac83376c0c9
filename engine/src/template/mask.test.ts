import { describe, expect, it } from 'vitest';
import { mask, renderTemplate } from './index.ts';

describe('mask', () => {
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
    ['address', '桃花镇幸福路88号3栋501室', '桃花镇幸福路88号****'],
    ['address', '丰乐社区3栋2单元501室', '丰乐社区3栋2单元****'],
    ['address', '幸福路88号', '幸福路88号'],
    ['address', '合肥市肥西县上派镇', '合肥市肥****'],
    ['unknown-kind', '13812341234', '****'],
  ])('%s %j → %s', (kind, value, expected) => {
    expect(mask(value, kind)).toBe(expected);
  });

  it('prints nothing for missing values', () => {
    expect(mask(undefined, 'phone')).toBe('');
    expect(mask(null, 'name')).toBe('');
    expect(mask('', 'name')).toBe('');
  });

  it('is usable from templates', () => {
    const res = renderTemplate('{{mask r.name "name"}}（{{mask r.phone "phone"}}）', { r: { name: '张三丰', phone: '13812341234' } }, 'zh-CN');
    expect(res).toEqual({ ok: true, text: '张*丰（138****1234）' });
  });
});
