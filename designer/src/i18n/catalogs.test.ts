import { describe, expect, it } from 'vitest';
import { zhCN } from './zh-CN.ts';
import { en } from './en.ts';
import { createI18n, pick } from './createI18n.ts';

describe('i18n catalogs', () => {
  it('zh-CN and en have the same keys, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [k, v] of [...Object.entries(zhCN), ...Object.entries(en)]) expect(v.trim(), k).not.toBe('');
  });
  it('zh-CN is the default and interpolates', () => {
    const i = createI18n('zh-CN');
    expect(i.t('publish.blocked', { n: 3 })).toBe('还有 3 个错误，不能发布');
    expect(createI18n('en').t('publish.blocked', { n: 3 })).toBe('3 errors remain: cannot publish');
    expect(pick({ 'zh-CN': '受理', en: 'Review' }, 'en')).toBe('Review');
    expect(pick({ 'zh-CN': '受理' }, 'en')).toBe('受理');
  });
});
