import { describe, it, expect } from 'vitest';
import schema from '@tongban/definitions/schema/definition.schema.json' with { type: 'json' };
import { serviceItems } from '@tongban/definitions/service-items';
import { createFormAjv, lint, loadDefinition, type Definition } from '@tongban/engine';

const validate = createFormAjv().compile(schema);
const entries = Object.entries(serviceItems);

function walkProps(props: Record<string, Record<string, unknown>>, at: string, out: string[]): void {
  for (const [k, p] of Object.entries(props)) {
    if (!('x-pii' in p)) out.push(`${at}/${k}`);
    if (!p['x-title']) out.push(`${at}/${k} (x-title)`);
    const nested = (p.properties ?? (p.items as Record<string, unknown> | undefined)?.properties) as Record<string, Record<string, unknown>> | undefined;
    if (nested) walkProps(nested, `${at}/${k}`, out);
  }
}

describe.each(entries)('service item %s', (id, json) => {
  it('validates against definition.schema.json', () => {
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  });

  it('loads in the engine with no diagnostics', () => {
    const r = loadDefinition(json as object);
    expect(r.ok).toBe(true);
    expect(r.diagnostics).toEqual([]);
    expect((r as { definition: Definition }).definition.id).toBe(id);
  });

  it('passes lint with no errors and no warnings, its spawns checked against the other items', () => {
    const r = loadDefinition(json as object);
    const definitions = entries.map(([, j]) => (loadDefinition(j as object) as { definition: Definition }).definition);
    expect(r.ok && lint(r.definition, { definitions, knownCalendars: ['county-default'] })).toEqual([]);
  });

  it('tags every data field, nested ones too, with x-pii and an x-title', () => {
    const missing: string[] = [];
    walkProps((json as { data: { properties: Record<string, Record<string, unknown>> } }).data.properties, '/data', missing);
    expect(missing).toEqual([]);
  });

  it('has zh-CN and en for every template', () => {
    const templates = (json as { templates: Record<string, Record<string, string>> }).templates;
    for (const t of Object.values(templates)) expect(t['zh-CN'] && t.en).toBeTruthy();
  });
});

describe('data minimisation', () => {
  it('a grid incident never collects an ID number', () => {
    expect(JSON.stringify((serviceItems['grid-incident'] as { data: unknown }).data)).not.toContain('"id-number"');
  });

  it('consultation asks for ID numbers only in the agreement form', () => {
    const def = serviceItems.consultation as { forms: Record<string, { fields: string[] }> };
    const withIds = Object.entries(def.forms).filter(([, f]) => f.fields.includes('partyIds')).map(([k]) => k);
    expect(withIds).toEqual(['agreement']);
  });
});
