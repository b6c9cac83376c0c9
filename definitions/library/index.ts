/**
 * Shared libraries service items take roles and message templates from (`"uses": ["common"]`), so
 * what every item says the same way is written once. The loader merges a library's entries into
 * the item where it has no entry of that name (the item's own wins) and keeps the result, so a
 * published version is self-contained and never changes when a library does.
 */
import common from './common.json' with { type: 'json' };

/** A library: roles and templates by id, like a definition's own. */
export interface Library {
  id: string;
  version: number;
  title: { 'zh-CN': string; en: string };
  description?: { 'zh-CN': string; en: string };
  roles?: Record<string, unknown>;
  templates?: Record<string, unknown>;
}

/** The libraries by id. */
export const libraries: Record<string, Library> = { common };
