/**
 * 条件字段: which fields a form's `visibleIf` hides for the data typed so far, with the engine's
 * JSONLogic (the same evaluator the server uses), so conditional fields appear in place.
 */
import { compileLogic, truthy, type CompiledLogic, type Definition } from '@tongban/engine';

const cache = new WeakMap<Definition, Map<string, CompiledLogic | null>>();

function compiled(def: Definition, formId: string, field: string, expr: unknown): CompiledLogic | null {
  let m = cache.get(def);
  if (!m) cache.set(def, (m = new Map()));
  const key = `${formId}/${field}`;
  if (!m.has(key)) {
    const r = compileLogic(expr, `/forms/${formId}/visibleIf/${field}`);
    m.set(key, r.ok ? r.logic : null);
  }
  return m.get(key)!;
}

/** Fields of `formId` hidden for `data` (`vars` adds case/actor context where a condition reads it). */
export function hiddenFor(def: Definition, formId: string, data: Record<string, unknown>, vars: Record<string, unknown> = {}): string[] {
  const visibleIf = def.forms?.[formId]?.visibleIf ?? {};
  return Object.entries(visibleIf).filter(([field, expr]) => !truthy(compiled(def, formId, field, expr)?.evaluate({ ...vars, data }))).map(([f]) => f);
}
