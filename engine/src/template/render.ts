import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { hasErrors } from '../diagnostics/catalog.ts';
import { checkTemplate } from './check.ts';
import { COMPILE_OPTIONS, hb, runtimeOptions } from './env.ts';

type Compiled = { ok: true; fn: HandlebarsTemplateDelegate } | { ok: false; diagnostics: Diagnostic[] };

/** Most compiled templates kept; the least recently used is dropped first. */
export const TEMPLATE_CACHE_SIZE = 1000;

const cache = new Map<string, Compiled>();

function compile(source: string): Compiled {
  const diagnostics = checkTemplate(source, '');
  if (hasErrors(diagnostics)) return { ok: false, diagnostics };
  try {
    const fn = hb.compile(source, COMPILE_OPTIONS);
    return { ok: true, fn };
  } catch (e) {
    return { ok: false, diagnostics: [diag('template.render-failed', '', { message: e instanceof Error ? e.message : String(e) })] };
  }
}

/** Checked and compiled template for a source, via a bounded LRU cache. */
function compiled(source: string): Compiled {
  const hit = cache.get(source);
  if (hit) {
    cache.delete(source);
    cache.set(source, hit);
    return hit;
  }
  const entry = compile(source);
  if (source.length <= 10_000) {
    if (cache.size >= TEMPLATE_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(source, entry);
  }
  return entry;
}

/** Number of cached templates (for tests and metrics). */
export function templateCacheSize(): number {
  return cache.size;
}

/**
 * Checks (see `checkTemplate`, diagnostics have path ''), compiles once (cached) and renders a template.
 * Never throws: render-time failures become `template.render-failed`.
 */
export function renderTemplate(source: string, context: object, locale: 'zh-CN' | 'en'): { ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] } {
  const c = compiled(source);
  if (!c.ok) return c;
  try {
    return { ok: true, text: c.fn(context, runtimeOptions(locale === 'en' ? 'en' : 'zh-CN')) };
  } catch (e) {
    return { ok: false, diagnostics: [diag('template.render-failed', '', { message: e instanceof Error ? e.message : String(e) })] };
  }
}
