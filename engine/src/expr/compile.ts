import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { pointer } from '../diagnostics/Diagnostic.ts';
import { makeCompiled } from './compiled.ts';
import type { CompiledLogic } from './compiled.ts';
import { OPERATORS, arityText } from './registry.ts';
import { State } from './state.ts';
import type { Ev, LogicLimits } from './types.ts';

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function compileArray(v: readonly unknown[], path: string, depth: number, st: State): Ev | undefined {
  const evs: Ev[] = [];
  let ok = true;
  for (let i = 0; i < v.length && !st.aborted; i++) {
    const ev = compileNode(v[i], path + pointer(i), depth + 1, st);
    if (ev) evs.push(ev);
    else ok = false;
  }
  if (!ok || st.aborted) return undefined;
  if (evs.every((e) => st.consts.has(e))) return st.constant(Object.freeze(evs.map((e) => st.consts.get(e))));
  return (d, c) => evs.map((e) => e(d, c));
}

function compileArgs(op: string, operand: unknown, path: string, depth: number, st: State): Ev | undefined {
  const spec = OPERATORS.get(op);
  if (!spec) return st.fail(diag('expr.unknown-operator', path, { op }));
  const isList = Array.isArray(operand);
  const raw: unknown[] = isList ? operand : [operand];
  if (raw.length < spec.min || raw.length > spec.max) {
    return st.fail(diag('expr.bad-arity', path, { op, count: raw.length, expected: arityText(spec) }));
  }
  const argPath = (i: number): string => path + (isList ? pointer(op, i) : pointer(op));
  const ev: Ev[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < raw.length && !st.aborted; i++) {
    const scoped = spec.scoped?.includes(i) === true;
    const before = st.nodes;
    if (scoped) st.scope++;
    const e = compileNode(raw[i], argPath(i), depth + 1, st);
    if (scoped) st.scope--;
    sizes.push(st.nodes - before);
    if (e) ev.push(e);
  }
  if (ev.length !== raw.length || st.aborted) return undefined;
  return spec.build({ ev, raw, sizes, path, argPath, st });
}

function compileObject(v: Record<string, unknown>, path: string, depth: number, st: State): Ev | undefined {
  const keys = Object.keys(v);
  const op = keys[0];
  if (keys.length !== 1 || op === undefined) {
    return st.fail(diag('expr.bad-shape', path, { reason: 'keys', keys: keys.length }));
  }
  return compileArgs(op, v[op], path, depth, st);
}

/** Compiles one node (literal, array or `{ op: args }`); undefined after a diagnostic. */
function compileNode(v: unknown, path: string, depth: number, st: State): Ev | undefined {
  if (st.aborted) return undefined;
  if (depth > st.limits.maxDepth) {
    if (st.deepReported) return undefined;
    st.deepReported = true;
    return st.fail(diag('expr.too-deep', path, { maxDepth: st.limits.maxDepth }));
  }
  if (++st.nodes > st.limits.maxNodes) {
    st.aborted = true;
    return st.fail(diag('expr.too-large', path, { maxNodes: st.limits.maxNodes }));
  }
  const t = typeof v;
  if (v === null || t === 'string' || t === 'boolean' || (t === 'number' && Number.isFinite(v))) return st.constant(v);
  if (Array.isArray(v)) return compileArray(v, path, depth, st);
  if (t === 'object' && isPlainObject(v as object)) return compileObject(v as Record<string, unknown>, path, depth, st);
  return st.fail(diag('expr.bad-shape', path, { reason: 'not-json', kind: t }));
}

/** Compiles a JSONLogic expression once into closures, or returns diagnostics (never throws). */
export function compileLogic(
  expr: unknown,
  path: string,
  limits?: LogicLimits,
): { ok: true; logic: CompiledLogic } | { ok: false; diagnostics: Diagnostic[] } {
  const st = new State(limits);
  let root: Ev | undefined;
  try {
    root = compileNode(expr, path, 1, st);
  } catch {
    st.diagnostics.push(diag('expr.bad-shape', path, { reason: 'unreadable' }));
  }
  if (!root || st.diagnostics.length > 0) return { ok: false, diagnostics: st.diagnostics };
  return { ok: true, logic: makeCompiled(root, st) };
}
