/**
 * Catalog lookup for panels that render outside React's i18n context or in helpers (option lists,
 * labels built before render): `tx(lang, key, vars)` reads the same zh-CN and en catalogs as
 * i18next and fills `{{name}}` placeholders. Keys are typed: a missing one does not compile.
 */
import { zhCN, type Catalog } from './zh-CN.ts';
import { en } from './en.ts';

export type CatalogKey = keyof Catalog;

export function tx(lang: 'zh-CN' | 'en', key: CatalogKey, vars: Record<string, string | number> = {}): string {
  const text = (lang === 'en' ? en : zhCN)[key];
  return text.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
