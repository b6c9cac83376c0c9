/**
 * `uses`: a definition takes roles and message templates from shared libraries
 * (definitions/library). The loader merges each library's entries where the definition has no
 * entry of that name — the definition's own always wins — so the loaded (and published) definition
 * is complete on its own.
 */
import { libraries } from '@tongban/definitions/library';
import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { pointer } from '../diagnostics/Diagnostic.ts';

type Doc = Record<string, unknown>;

/** The document with its libraries' roles and templates merged in (own entries win); unknown libraries are errors. */
export function resolveUses(doc: Doc): { doc: Doc; diagnostics: Diagnostic[] } {
  const uses = doc.uses;
  if (!Array.isArray(uses) || uses.length === 0) return { doc, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const out: Doc = { ...doc };
  uses.forEach((id, i) => {
    const lib = typeof id === 'string' && Object.hasOwn(libraries, id) ? libraries[id] : undefined;
    if (!lib) { diagnostics.push(diag('definition.unknown-library', pointer('uses', i), { library: String(id), known: Object.keys(libraries).join(', ') })); return; }
    for (const key of ['roles', 'templates'] as const) {
      const own = out[key] && typeof out[key] === 'object' && !Array.isArray(out[key]) ? (out[key] as Doc) : {};
      out[key] = { ...(lib[key] ?? {}), ...own };
    }
  });
  return { doc: out, diagnostics };
}
