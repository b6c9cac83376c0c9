import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { serviceItems } from '@tongban/definitions/service-items';
import type { Definition } from '../definition/types.ts';
import { loadDefinition } from '../definition/load.ts';
import { mermaid, renderItemPage } from './renderItemPage.ts';

const pages = new URL('../../../definitions/service-items/', import.meta.url);
const fix = 'node --import tsx scripts/write-docs.ts';

const loaded = (def: unknown) => {
  const r = loadDefinition(def as object);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.definition;
};

describe.each(Object.entries(serviceItems).map(([id, def]) => [id, loaded(def)] as const))('page for %s', (id, def) => {
  it(`is up to date with the definition (run: ${fix})`, () => {
    const page = readFileSync(new URL(`${id}.md`, pages), 'utf8');
    expect(page, `definitions/service-items/${id}.md is out of date: run ${fix}`).toBe(renderItemPage(def as Definition));
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
