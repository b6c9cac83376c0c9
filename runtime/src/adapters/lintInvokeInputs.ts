/**
 * The linter's adapter half: every `invoke` of a definition checked against the installed operation's
 * input schema — keys the operation does not take, required keys missing, and constant values its
 * schema refuses (JSONLogic values are only known at run time and pass). Diagnostics have the
 * engine's shape and JSON Pointers into the definition.
 */
import { logicOperators, type Diagnostic } from '@tongban/engine';
import { createPluginAjv, type JsonSchema } from '@tongban/plugin-sdk';

const ajv = createPluginAjv();
const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
const isLogic = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && (logicOperators as readonly string[]).includes(Object.keys(v)[0]!);

function problem(path: string, operation: string, zh: string, en: string): Diagnostic {
  return { code: 'lint.operation-input-mismatch', severity: 'error', path, message: { 'zh-CN': `接口操作“${operation}”的参数${zh}`, en: `Input of "${operation}": ${en}` } } as Diagnostic;
}

function check(operation: string, schema: JsonSchema, input: Record<string, unknown>, at: string, out: Diagnostic[]): void {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const closed = schema.additionalProperties === false;
  for (const [key, value] of Object.entries(input)) {
    const p = `${at}/${esc(key)}`;
    const prop = props[key] ?? (typeof schema.additionalProperties === 'object' ? (schema.additionalProperties as JsonSchema) : undefined);
    if (!props[key] && closed) { out.push(problem(p, operation, `不接受“${key}”`, `does not take "${key}"`)); continue; }
    if (!prop || isLogic(value)) continue;
    const v = ajv.compile(prop);
    if (!v(structuredClone(value))) out.push(problem(p, operation, `“${key}”的取值不符合定义：${v.errors?.[0]?.message ?? ''}`, `"${key}" does not match its schema: ${v.errors?.[0]?.message ?? ''}`));
  }
  for (const key of (schema.required ?? []) as string[]) {
    if (!Object.hasOwn(input, key)) out.push(problem(at, operation, `缺少必填的“${key}”`, `misses the required "${key}"`));
  }
}

/** Walks the definition for `{ invoke: { operation, input } }` and checks each against `schemas` (operation id → input schema). */
export function lintInvokeInputs(definition: unknown, schemas: Map<string, JsonSchema>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) { node.forEach((x, i) => walk(x, `${path}/${i}`)); return; }
    if (!node || typeof node !== 'object') return;
    const inv = (node as { invoke?: { operation?: unknown; input?: unknown } }).invoke;
    if (inv && typeof inv.operation === 'string' && schemas.has(inv.operation)) {
      check(inv.operation, schemas.get(inv.operation)!, (inv.input && typeof inv.input === 'object' ? inv.input : {}) as Record<string, unknown>, `${path}/invoke/input`, out);
    }
    for (const [k, v] of Object.entries(node)) walk(v, `${path}/${esc(k)}`);
  };
  walk(definition, '');
  return out;
}
