import { describe, expect, it } from 'vitest';
import { exportText, importText } from './importExport.ts';
import { fixtureDefinition } from '../testing/fixtureDefinition.ts';
import { checkDocument } from '../lint/checkDocument.ts';

describe('import / export', () => {
  it('round-trips JSON and YAML', () => {
    const def = fixtureDefinition();
    for (const f of ['json', 'yaml'] as const) {
      const r = importText(exportText(def, f), `x.${f}`);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.definition).toEqual(def);
    }
  });

  it('refuses a 10 MB file by size before parsing, with a coded diagnostic', () => {
    const r = importText('{"a":"' + 'x'.repeat(10 * 1024 * 1024) + '"}', 'big.json');
    expect(r).toMatchObject({ ok: false, diagnostics: [{ code: 'definition.too-large', severity: 'error' }] });
  });

  it('answers malformed, deep and hostile input with the loader\'s coded diagnostics, never a throw', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const logicBomb = { ...fixtureDefinition(), states: { ...fixtureDefinition().states, review: { ...fixtureDefinition().states.review!, on: { approve: { target: 'closed', guard: JSON.parse('{"and":['.repeat(300) + 'true' + ']}'.repeat(300)) } } } } };
    const proto = { ...fixtureDefinition(), templates: { bad: { 'zh-CN': '{{constructor.constructor "alert(1)"}}', en: '{{__proto__.x}}' } } };
    const yamlBomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`).join('\n');
    for (const [text, name] of [['{"id": ', 'x.json'], [deep, 'x.json'], [JSON.stringify(logicBomb), 'x.json'], [JSON.stringify(proto), 'x.json'], [yamlBomb, 'x.yaml'], ['\u0000\u0001', 'x.json']] as const) {
      const r = importText(text, name);
      const all = r.diagnostics;
      if (r.ok) {
        // the loader accepts the shape; the editor's check (lint) right after must flag the hostile parts
        expect(text === JSON.stringify(logicBomb) || text === JSON.stringify(proto)).toBe(true);
        expect(checkDocument(r.definition).errors).toBeGreaterThan(0);
      } else {
        expect(all.length).toBeGreaterThan(0);
        for (const d of all) expect(d.code).toMatch(/^[a-z]+\.[a-z-]+/);
      }
    }
    expect(checkDocument(proto).diagnostics.map((d) => d.code)).toContain('template.forbidden-path');
  });
});
