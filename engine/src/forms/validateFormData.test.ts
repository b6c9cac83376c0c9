import { describe, it, expect } from 'vitest';
import { validateFormData } from './validateFormData.ts';

const now = Date.parse('2025-03-04T10:00:00+08:00');
const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

const schema = {
  type: 'object',
  required: ['name', 'phone', 'idNumber', 'discoveredAt'],
  properties: {
    name: { type: 'string', maxLength: 20, 'x-pii': 'name', 'x-title': t('姓名', 'Name') },
    phone: { type: 'string', format: 'cn-mobile', 'x-pii': 'phone', 'x-title': t('联系电话', 'Phone') },
    idNumber: { type: 'string', format: 'cn-id-number', 'x-pii': 'id-number', 'x-title': t('身份证号码', 'ID number') },
    discoveredAt: { type: 'string', format: 'date-time', 'x-notFuture': 'PT5M', 'x-pii': 'none', 'x-title': t('发现时间', 'Discovered at') },
    meetingDate: { type: 'string', format: 'date', 'x-notPast': true, 'x-pii': 'none', 'x-title': t('会议日期', 'Meeting date') },
    parties: {
      type: 'array', 'x-pii': 'name', 'x-title': t('当事人', 'Parties'),
      items: { type: 'object', required: ['phone'], properties: { phone: { type: 'string', format: 'cn-mobile', 'x-title': t('联系电话', 'Phone') } } },
    },
    category: {
      enum: ['a', 'b'], 'x-pii': 'none', 'x-title': t('类别', 'Category'),
      'x-errors': { enum: t('请选择事件类别', 'Choose an event category') },
    },
  },
};
const ok = { name: '张三', phone: '13800138000', idNumber: '11010519491231002X', discoveredAt: '2025-03-04T09:30:00+08:00' };

describe('validateFormData', () => {
  it('accepts valid data', () => {
    expect(validateFormData(schema, ok, { now })).toEqual([]);
  });

  it('reports a missing or blank required field with a zh-CN message and a pointer', () => {
    const errors = validateFormData(schema, { ...ok, name: '  ', phone: undefined }, { now });
    expect(errors.map((e) => [e.code, e.path, e.message['zh-CN']])).toEqual([
      ['forms.required', '/name', '请填写「姓名」'],
      ['forms.required', '/phone', '请填写「联系电话」'],
    ]);
    expect(errors[0]?.message.en).toBe('Name is required');
  });

  it('rejects an ID number with a bad checksum, naming the check digit', () => {
    const [e] = validateFormData(schema, { ...ok, idNumber: '110105194912310021' }, { now });
    expect(e).toMatchObject({ code: 'forms.cn-id-number.checksum', path: '/idNumber', text: '「身份证号码」校验码不正确，请核对身份证号码是否抄错' });
  });

  it('rejects a phone that is not a mainland mobile number', () => {
    const [e] = validateFormData(schema, { ...ok, phone: '0816-2221234' }, { now, locale: 'en' });
    expect(e).toMatchObject({ code: 'forms.cn-mobile', path: '/phone' });
    expect(e?.text).toBe('Phone is not a mainland China mobile number (11 digits starting 13–19)');
  });

  it('rejects a date-time in the future beyond the tolerance, and accepts one within it', () => {
    expect(validateFormData(schema, { ...ok, discoveredAt: '2025-03-04T10:04:00+08:00' }, { now })).toEqual([]);
    const [e] = validateFormData(schema, { ...ok, discoveredAt: '2025-03-04T11:00:00+08:00' }, { now });
    expect(e).toMatchObject({ code: 'forms.not-future', path: '/discoveredAt', text: '「发现时间」不能晚于当前时间' });
  });

  it('compares dates by the local day in China (+08:00)', () => {
    expect(validateFormData(schema, { ...ok, meetingDate: '2025-03-04' }, { now })).toEqual([]);
    const [e] = validateFormData(schema, { ...ok, meetingDate: '2025-03-03' }, { now });
    expect(e).toMatchObject({ code: 'forms.not-past', path: '/meetingDate' });
  });

  it('uses the `now` passed in, not the host clock', () => {
    const later = Date.parse('2025-03-05T10:00:00+08:00');
    expect(validateFormData(schema, { ...ok, meetingDate: '2025-03-04' }, { now: later })[0]?.code).toBe('forms.not-past');
  });

  it('labels errors inside lists with the item number', () => {
    const [e] = validateFormData(schema, { ...ok, parties: [{ phone: '13800138000' }, { phone: '123' }] }, { now });
    expect(e).toMatchObject({ path: '/parties/1/phone', text: '「当事人（第2项）·联系电话」不是有效的中国大陆手机号码（11位，以13–19开头）' });
  });

  it('uses a field’s x-errors message when it has one', () => {
    const [e] = validateFormData(schema, { ...ok, category: 'z' }, { now });
    expect(e).toMatchObject({ code: 'forms.enum', text: '请选择事件类别' });
  });

  it('reports format and length problems', () => {
    const errors = validateFormData(schema, { ...ok, name: '张'.repeat(21), discoveredAt: '昨天' }, { now });
    expect(errors.map((e) => e.code).sort()).toEqual(['forms.format', 'forms.max-length']);
    expect(errors.find((e) => e.code === 'forms.max-length')?.text).toBe('「姓名」最多20个字');
  });

  it('returns a coded error instead of throwing on a broken schema', () => {
    const [e] = validateFormData({ type: 'object', properties: { a: { type: 'nonsense' } } }, {}, { now });
    expect(e?.code).toBe('forms.invalid');
  });
});
