/** Finds and compiles every JSONLogic expression in a definition, keyed by its JSON Pointer. */
import type { Definition } from '../definition/types.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { pointer } from '../diagnostics/Diagnostic.ts';
import { compileLogic, logicOperators, type CompiledLogic } from '../expr/index.ts';

/** Keys whose value is an expression, and keys whose every entry is one. */
const exprKeys = new Set(['guard', 'withinFrom']);
const exprMaps = new Set(['set', 'input', 'visibleIf']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return Boolean(v) && typeof v === 'object' && !Array.isArray(v);
}

/** An object that is not one JSONLogic operation: a literal shape whose leaves are expressions. */
export function isInputShape(v: unknown): v is Record<string, unknown> {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length !== 1 || !logicOperators.includes(keys[0]!);
}

/** Adapter inputs may nest (`{ to, templateId, params: { name: {var} } }`): leaves are expressions. */
function visitInput(map: Record<string, unknown>, path: string, visit: (expr: unknown, path: string) => void): void {
  for (const [k, v] of Object.entries(map)) {
    if (isInputShape(v)) visitInput(v, path + pointer(k), visit);
    else visit(v, path + pointer(k));
  }
}

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
    else if (key === 'input' && isPlainObject(value)) visitInput(value, at, visit);
    else if (exprMaps.has(key) && isPlainObject(value)) {
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
