/**
 * Definitions are an attack surface (issue 7.5): a regular expression that backtracks
 * catastrophically, or a template that reaches for prototypes, must stop a definition at load —
 * so validate and publish refuse it — not only show up in lint.
 */
import { compilePattern } from '../expr/regex.ts';
import { diag } from '../diagnostics/catalog.ts';
import { pointer, type Diagnostic } from '../diagnostics/Diagnostic.ts';
import { checkTemplate } from '../template/index.ts';
import type { Definition } from './types.ts';

/** Every `pattern` keyword (and `patternProperties` key) in a JSON Schema, with its JSON Pointer. */
function patterns(schema: unknown, path: string, out: Array<[string, string]>): void {
  if (!schema || typeof schema !== 'object') return;
  if (Array.isArray(schema)) { schema.forEach((s, i) => patterns(s, path + pointer(i), out)); return; }
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'pattern' && typeof v === 'string') out.push([v, path + '/pattern']);
    else if (k === 'patternProperties' && v && typeof v === 'object') for (const p of Object.keys(v)) out.push([p, path + pointer('patternProperties', p)]);
    if (v && typeof v === 'object') patterns(v, path + pointer(k), out);
  }
}

/** Form and data patterns that could stall a server (or use syntax the linear engine lacks). */
export function unsafePatterns(def: Definition): Diagnostic[] {
  const found: Array<[string, string]> = [];
  patterns(def.data, '/data', found);
  for (const [id, form] of Object.entries(def.forms ?? {})) patterns(form.schema, pointer('forms', id, 'schema'), found);
  return found.flatMap(([p, path]) => {
    const r = compilePattern(p, '');
    if (r.ok) return [];
    const code = r.problem === 'nested-quantifier' || r.problem === 'backreference' ? 'expr.unsafe-regex' : r.problem === 'unsupported' ? 'expr.unsupported-regex' : 'expr.bad-regex';
    return [diag(code, path, { pattern: p, reason: r.problem, ...(r.message ? { message: r.message } : {}) })];
  });
}

/** Template texts that do not parse or reach what they may not (prototypes, `../`, unknown helpers). */
export function unsafeTemplates(def: Definition): Diagnostic[] {
  return Object.entries(def.templates ?? {}).flatMap(([id, text]) => (['zh-CN', 'en'] as const).flatMap((lang) => (typeof text?.[lang] === 'string' ? checkTemplate(text[lang], pointer('templates', id, lang)) : [])));
}
