import { describe, expect, it } from 'vitest';
import { checkManifest, createPluginAjv, definePlugin } from './index.ts';

describe('checkManifest', () => {
  it('lists every problem with its JSON path', () => {
    const bad = definePlugin({
      id: 'Bad_Id', version: '1', sdk: '', title: { 'zh-CN': '坏', en: '' }, description: { 'zh-CN': '坏', en: 'Bad' },
      config: { version: 2, schema: { type: 'object', properties: { url: { type: 'string', 'x-title': { 'zh-CN': '地址', en: 'URL' } } } } },
      operations: { Send: { title: { 'zh-CN': '发', en: 'Send' }, description: { 'zh-CN': '发', en: 'Send' }, input: { type: 'nope' }, output: {}, run: async () => ({}) } },
      triggers: { alarm: { title: { 'zh-CN': '报警', en: 'Alarm' }, description: { 'zh-CN': '报警', en: 'Alarm' }, payload: { type: 'object', properties: { a: { type: 'string' } } } } },
    });
    expect(checkManifest(bad, createPluginAjv()).map((p) => p.path)).toEqual([
      '/id', '/version', '/sdk', '/title', '/config/schema/properties/url/x-help', '/config/migrate/1',
      '/operations/Send', '/operations/Send/input', '/triggers/alarm/payload/properties/a/x-title', '/triggers/alarm/payload/properties/a/x-help',
    ]);
  });
});
