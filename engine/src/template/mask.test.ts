import { describe, expect, it } from 'vitest';
import { mask, renderTemplate } from './index.ts';

// The masking rules themselves are tested in pii/maskValue.test.ts; here, what templates add.
describe('mask in templates', () => {
  it('prints the masked text, **** for a hidden kind and nothing for a missing value', () => {
    expect(mask('13812341234', 'phone')).toBe('138****1234');
    expect(mask('11010119900307123X', 'id-number')).toBe('1****************X');
    expect(mask('高血压', 'health')).toBe('****');
    expect(mask('13812341234', 'unknown-kind')).toBe('****');
    expect(mask(undefined, 'phone')).toBe('');
    expect(mask(null, 'name')).toBe('');
    expect(mask('', 'name')).toBe('');
  });

  it('is usable from templates', () => {
    const res = renderTemplate('{{mask r.name "name"}}（{{mask r.phone "phone"}}）', { r: { name: '张三丰', phone: '13812341234' } }, 'zh-CN');
    expect(res).toEqual({ ok: true, text: '张*丰（138****1234）' });
  });
});
