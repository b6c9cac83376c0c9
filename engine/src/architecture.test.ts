/**
 * The engine's inside, as tests: no import cycle anywhere in engine/src, and the layers inside the
 * engine point one way — the definition model, expressions, compile and lint know nothing of
 * running a case; run/ owns the machine's actions; simulate sits on top.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' || e.name === 'testing' || e.name === 'bench' ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Relative imports of each source file (type-only imports count: they are dependencies too). */
function graph(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of sources(root)) {
    const text = readFileSync(file, 'utf8');
    const deps = [...text.matchAll(/(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'/g)].map((m) => path.relative(root, path.resolve(path.dirname(file), m[1]!)));
    out.set(path.relative(root, file), deps);
  }
  return out;
}

function cycles(g: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of g.get(n) ?? []) {
      if (state.get(m) === 'open') found.push([...stack.slice(stack.indexOf(m)), m]);
      else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of g.keys()) if (!state.has(n)) visit(n);
  return found;
}

const folder = (file: string) => file.split(path.sep)[0]!;

/** Which engine folders each folder may import (itself always). */
const allowed: Record<string, string[]> = {
  diagnostics: [],
  calendar: ['diagnostics'],
  expr: ['diagnostics'],
  pii: ['diagnostics'],
  template: ['diagnostics', 'expr', 'pii'],
  definition: ['diagnostics', 'expr', 'compile', 'template', 'calendar'],
  forms: ['diagnostics', 'definition', 'expr'],
  compile: ['diagnostics', 'definition', 'expr'],
  lint: ['diagnostics', 'definition', 'compile', 'expr', 'template', 'calendar', 'forms', 'pii'],
  run: ['diagnostics', 'definition', 'compile', 'expr', 'calendar', 'forms', 'template'],
  simulate: ['diagnostics', 'definition', 'compile', 'run'],
  migrate: ['diagnostics', 'definition', 'compile', 'run'],
  docs: ['diagnostics', 'definition', 'compile', 'expr'],
};

describe('engine architecture', () => {
  const g = graph();
  it('has no import cycle', () => {
    expect(g.size).toBeGreaterThan(50);
    expect(cycles(g)).toEqual([]);
  });
  it('imports point one way: the definition model and compile know nothing of running', () => {
    const wrong: string[] = [];
    for (const [file, deps] of g) {
      const from = folder(file);
      if (!path.dirname(file).includes(path.sep) && path.dirname(file) === '.') continue; // index.ts: the public door
      for (const d of deps) {
        const to = folder(d);
        if (to !== from && !(allowed[from] ?? []).includes(to)) wrong.push(`${file} → ${d}`);
      }
    }
    expect(wrong).toEqual([]);
  });
  it('keeps no ambient "current step": no module-level mutable holder of the event being stepped', () => {
    const offenders = sources(root).filter((f) => /export const \w+\s*:\s*\{\s*current\b/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
