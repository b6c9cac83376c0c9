import { describe, expect, it } from 'vitest';
import schema from '@tongban/definitions/schema/definition.schema.json' with { type: 'json' };

type Node = Record<string, unknown>;

/** Every property schema of the definition schema, with where it is. */
function properties(node: unknown, where: string, out: Array<[string, Node]>): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) { node.forEach((n) => properties(n, where, out)); return; }
  const n = node as Node;
  for (const [k, v] of Object.entries((n.properties ?? {}) as Record<string, Node>)) { out.push([`${where}.${k}`, v]); properties(v, `${where}.${k}`, out); }
  for (const key of ['oneOf', 'anyOf', 'items', 'additionalProperties']) properties(n[key], where, out);
}

describe('the definition schema explains itself', () => {
  const all: Array<[string, Node]> = [];
  properties(schema, 'root', all);
  for (const [name, d] of Object.entries(schema.$defs)) properties(d, name, all);
  it('has a zh-CN and an English title and description on every property (for hover help and the designer’s panels)', () => {
    expect(all.length).toBeGreaterThan(190);
    const missing = all.filter(([, p]) => {
      const i18n = p['x-i18n'] as Record<string, { title?: string; description?: string }> | undefined;
      return !(typeof p.title === 'string' && typeof p.description === 'string' && i18n?.['zh-CN']?.title && i18n['zh-CN'].description && i18n.en?.title && i18n.en.description);
    });
    expect(missing.map(([w]) => w)).toEqual([]);
  });
  it('writes the title as "中文 English" and the description zh-CN first', () => {
    const id = (schema.properties as Record<string, Node>).id!;
    expect(id.title).toBe('事项编号 Item id');
    expect(String(id.description).split('\n\n')[0]).toMatch(/[\u4e00-\u9fa5]/);
  });
});
