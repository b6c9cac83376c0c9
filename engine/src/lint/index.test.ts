import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../definition/load.ts';
import type { Definition } from '../definition/types.ts';
import { lintCodes } from '../diagnostics/codes/lint.ts';
import { lint } from './index.ts';
import { baseDefinition } from './fixtures/cases.ts';

function load(text: string): Definition {
  const r = loadDefinition(text);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.definition;
}

describe('lint', () => {
  it('finds nothing in the fixtures baseline', () => {
    expect(lint(load(JSON.stringify(baseDefinition())))).toEqual([]);
  });

  it('lints the approval run fixture clean of errors', () => {
    const def = load(readFileSync(new URL('../run/fixtures/approval.json', import.meta.url), 'utf8'));
    const found = lint(def);
    expect(found.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('gives every diagnostic a catalogued code, bilingual message and JSON Pointer path', () => {
    const def = baseDefinition();
    const found = lint({ ...def, initial: 'nowhere' } as unknown as Definition, { installedOperations: [] });
    expect(found.length).toBeGreaterThan(0);
    for (const d of found) {
      expect(d.code in lintCodes).toBe(true);
      expect(d.path).toMatch(/^(\/.*)?$/);
      expect(d.message['zh-CN']).not.toMatch(/\{\w+\}/);
      expect(d.message.en).not.toMatch(/\{\w+\}/);
    }
  });

  it('runs on every service item without internal errors', () => {
    const dir = new URL('../../../definitions/service-items/', import.meta.url);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.scenarios.json'))) {
      const r = loadDefinition(readFileSync(new URL(file, dir), 'utf8'));
      if (!r.ok) continue; // schema problems are the loader's to report
      expect(lint(r.definition).filter((d) => d.code === 'lint.internal-error'), file).toEqual([]);
    }
  });

  it('never throws, even on input that skipped validation', () => {
    const bad = [{}, { states: null }, { states: { a: { task: {} } }, initial: 'a' }, { states: { a: { on: { x: 5 } } }, clocks: { c: {} } }];
    for (const def of bad) {
      const found = lint(def as unknown as Definition);
      expect(Array.isArray(found)).toBe(true);
    }
  });
});

describe('lint codes', () => {
  it('have the same placeholders in zh-CN and en', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [code, entry] of Object.entries(lintCodes)) {
      expect(code).toMatch(/^lint\.[a-z-]+$/);
      expect(names(entry['zh-CN']), code).toEqual(names(entry.en));
    }
  });
});

describe('lint sources', () => {
  it('import no node:* modules (the engine is pure)', () => {
    const dir = new URL('.', import.meta.url);
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(sources.length).toBeGreaterThan(5);
    for (const f of sources) expect(readFileSync(new URL(f, dir), 'utf8'), f).not.toMatch(/from ['"]node:/);
  });
});
