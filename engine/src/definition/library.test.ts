import { describe, expect, it } from 'vitest';
import { libraries } from '@tongban/definitions/library';
import { serviceItems } from '@tongban/definitions/service-items';
import def from '../run/fixtures/approval.json' with { type: 'json' };
import { loadDefinition } from './load.ts';

describe('shared libraries (`uses`)', () => {
  it('merges a library’s roles and templates where the item has none of that name; the item’s own win', () => {
    const doc = { ...structuredClone(def), uses: ['common'], roles: { 'grid-worker': { title: { 'zh-CN': '本事项网格员', en: 'Our grid worker' } } } };
    const r = loadDefinition(doc);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(r.definition.roles['grid-worker']!.title['zh-CN']).toBe('本事项网格员');
    expect(r.definition.roles['township-reviewer']).toEqual(libraries.common!.roles!['township-reviewer']);
    expect(r.definition.templates!.urge).toEqual(libraries.common!.templates!.urge);
    expect(r.definition.templates!.done).toEqual(def.templates.done);
  });
  it('refuses an unknown library with a coded error on its name', () => {
    const r = loadDefinition({ ...structuredClone(def), uses: ['common', 'nope'] });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([['definition.unknown-library', '/uses/1']]);
  });
  it('the five items take the shared roles and templates from `common` and repeat none of them', () => {
    const lib = libraries.common!;
    for (const [id, item] of Object.entries(serviceItems) as Array<[string, { uses?: string[]; roles: Record<string, unknown>; templates?: Record<string, unknown> }]>) {
      expect(item.uses, id).toEqual(['common']);
      for (const key of ['roles', 'templates'] as const) {
        const repeated = Object.entries(item[key] ?? {}).filter(([k, v]) => JSON.stringify(v) === JSON.stringify(lib[key]?.[k]));
        expect(repeated.map(([k]) => k), `${id} ${key}`).toEqual([]);
      }
    }
  });
});
