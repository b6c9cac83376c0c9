/** Finds and compiles every JSONLogic expression in a definition, keyed by its JSON Pointer. */
import type { Definition } from '../definition/types.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { pointer } from '../diagnostics/Diagnostic.ts';
import { compileLogic, type CompiledLogic } from '../expr/index.ts';

/** Keys whose value is an expression, and keys whose every entry is one. */
const exprKeys = new Set(['guard', 'withinFrom']);
const exprMaps = new Set(['set', 'input', 'visibleIf']);

function walk(node: unknown, path: string, parentKey: string | undefined, visit: (expr: unknown, path: string) => void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    node.forEach((v, i) => walk(v, path + pointer(i), undefined, visit));
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    const at = path + pointer(key);
    if (key === 'data' && path === '') continue; // the data schema holds no expressions
    if (exprKeys.has(key) || (key === 'by' && parentKey === 'extend')) visit(value, at);
    else if (exprMaps.has(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) visit(v, at + pointer(k));
    } else walk(value, at, key, visit);
  }
}

/** Compiles all expressions; diagnostics carry the JSON path of the bad part. */
export function compileAllLogic(def: Definition): { logic: Map<string, CompiledLogic>; diagnostics: Diagnostic[] } {
  const logic = new Map<string, CompiledLogic>();
  const diagnostics: Diagnostic[] = [];
  walk(def, '', undefined, (expr, path) => {
    const r = compileLogic(expr, path);
    if (r.ok) logic.set(path, r.logic);
    else diagnostics.push(...r.diagnostics);
  });
  return { logic, diagnostics };
}
