import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import approval from '../run/fixtures/approval.json' with { type: 'json' };
import { definitionLimits } from './limits.ts';
import { loadDefinition } from './load.ts';

const dir = new URL('./fixtures/invalid/', import.meta.url);
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.json'));

const brief = (r: ReturnType<typeof loadDefinition>) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.path]);

describe('schema fixtures: exact expected errors', () => {
  it.each(fixtures)('%s', (name) => {
    const { definition, expected } = JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
    const r = loadDefinition(definition);
    expect(r.ok).toBe(false);
    expect(brief(r)).toEqual(expected);
    for (const d of r.diagnostics) {
      expect(d.message['zh-CN']).not.toMatch(/\{\w+\}/);
      expect(d.message.en).not.toMatch(/\{\w+\}/);
    }
  });
});

describe('loadDefinition', () => {
  it('accepts the approval fixture from an object, JSON text and YAML text', async () => {
    expect(loadDefinition(approval).ok).toBe(true);
    expect(loadDefinition(JSON.stringify(approval)).ok).toBe(true);
    const { stringify } = await import('yaml');
    const r = loadDefinition(stringify(approval), { format: 'yaml' });
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
  });
  it('migrates schemaVersion 0 (roles as a list) to 1', () => {
    const r = loadDefinition({ ...approval, schemaVersion: 0, roles: Object.keys(approval.roles) });
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['definition.migrated']);
    if (r.ok) expect(r.definition.roles['grid-worker']).toEqual({ title: { 'zh-CN': 'grid-worker', en: 'grid-worker' } });
  });
  it('reports malformed JSON and YAML with line and column', () => {
    const j = loadDefinition('{\n  "id": "x",\n  "version": }');
    expect(brief(j)).toEqual([['definition.parse-json', '']]);
    expect(j.diagnostics[0]!.details).toMatchObject({ line: 3 });
    const y = loadDefinition('id: x\n  version: : 1\n', { format: 'yaml' });
    expect(brief(y)[0]![0]).toBe('definition.parse-yaml');
  });
  it('refuses a YAML alias bomb, huge and deeply nested documents', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
    expect(brief(loadDefinition(bomb, { format: 'yaml' }))[0]![0]).toBe('definition.parse-yaml');
    expect(brief(loadDefinition(' '.repeat(definitionLimits.maxBytes + 1) + '{}'))).toEqual([['definition.too-large', '']]);
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = { a: deep };
    expect(brief(loadDefinition(deep as object))).toEqual([['definition.too-deep', '']]);
    expect(brief(loadDefinition('[' .repeat(5000) + ']'.repeat(5000)))).toEqual([['definition.too-deep', '']]);
  });
  it('refuses non-objects', () => {
    expect(brief(loadDefinition('[]'))).toEqual([['definition.not-object', '']]);
    expect(brief(loadDefinition('"text"', { format: 'json' }))).toEqual([['definition.not-object', '']]);
  });
});
