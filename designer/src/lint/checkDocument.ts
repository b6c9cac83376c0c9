/**
 * What the Problems panel shows for a document: the loader's coded diagnostics (schema, limits) and,
 * when it loads, the engine's lint. Pure and synchronous: the same code the runtime runs on publish.
 */
import { hasErrors, lint, loadDefinition, type Definition, type Diagnostic } from '@tongban/engine';

export interface CheckResult { diagnostics: Diagnostic[]; errors: number; warnings: number; loaded?: Definition; ms: number }

/** Loads and lints; `knownDefinitions` are the ids a sub-case may name (the store's, plus this one). */
export function checkDocument(doc: unknown, knownDefinitions: string[] = []): CheckResult {
  const t0 = performance.now();
  const res = loadDefinition(doc as object);
  let diagnostics = res.diagnostics;
  let loaded: Definition | undefined;
  if (res.ok) {
    loaded = res.definition;
    diagnostics = [...diagnostics, ...lint(res.definition, { knownDefinitions: [...new Set([...knownDefinitions, res.definition.id])] })];
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { diagnostics, errors, warnings: diagnostics.length - errors, loaded: hasErrors(diagnostics) ? loaded : loaded, ms: performance.now() - t0 };
}
