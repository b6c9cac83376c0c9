import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Definition } from '../../engine/src/definition/types.ts';
import { mermaid, renderItemPage } from './docs.ts';
import { serviceItems } from './items.ts';

describe.each(Object.entries(serviceItems))('page for %s', (id, def) => {
  it('is up to date with the definition (run: node --import tsx definitions/service-items/write-docs.ts)', () => {
    const page = readFileSync(new URL(`./${id}.md`, import.meta.url), 'utf8');
    expect(page, `definitions/service-items/${id}.md is out of date: run node --import tsx definitions/service-items/write-docs.ts`).toBe(renderItemPage(def as Definition));
  });

  it('draws every state in the Mermaid diagram and lists every data field', () => {
    const d = def as Definition;
    const diagram = mermaid(d);
    const ids = (states: Record<string, { states?: object }>): string[] => Object.entries(states).flatMap(([k, v]) => [k, ...ids((v.states ?? {}) as never)]);
    for (const id of ids(d.states as never)) expect(diagram).toContain(`  ${id}: `);
    const page = renderItemPage(d);
    for (const f of Object.keys(d.data.properties as object)) expect(page).toContain(`\`${f}\``);
  });
});
