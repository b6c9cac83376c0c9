/**
 * Paths to fields inside the case data, in the notation agreed for field matrices and personal
 * data: dotted names relative to the data root, `[]` for every item of an array —
 * `parties[].idNumber`, `household.members[].phone`. These helpers list a definition's tagged
 * paths, find a path's schema, and expand a path against real data to concrete JSON Pointers.
 */
import { pointer } from '../diagnostics/Diagnostic.ts';
import type { Definition, FieldAccess, JsonSchema, PiiKind } from './types.ts';

/** One segment of a data path: a property name, and whether the path then goes into every item of it. */
export interface PathSegment {
  key: string;
  each: boolean;
}

/** Splits `household.members[].phone` into segments; undefined for a malformed path. */
export function parseDataPath(path: string): PathSegment[] | undefined {
  const text = path.startsWith('data.') ? path.slice(5) : path;
  const parts = text.split('.');
  const out: PathSegment[] = [];
  for (const part of parts) {
    const m = /^([^.[\]]+)(\[\])?$/.exec(part);
    if (!m || m[1] === '__proto__' || m[1] === 'constructor' || m[1] === 'prototype') return undefined;
    out.push({ key: m[1]!, each: Boolean(m[2]) });
  }
  return out.length ? out : undefined;
}

/** True for a path into a nested field (`a.b`, `a[].b`), false for a top-level field. */
export function isNestedPath(path: string): boolean {
  return /[.[]/.test(path.startsWith('data.') ? path.slice(5) : path);
}

/** The JSON Schema of the field a data path names, or undefined when the data schema has no such field. */
export function schemaAtPath(dataSchema: JsonSchema, path: string): JsonSchema | undefined {
  const segs = parseDataPath(path);
  if (!segs) return undefined;
  let cur: JsonSchema | undefined = dataSchema;
  for (const seg of segs) {
    const props = cur?.properties as Record<string, JsonSchema> | undefined;
    cur = props && Object.hasOwn(props, seg.key) ? props[seg.key] : undefined;
    if (!cur) return undefined;
    if (seg.each) {
      const items = cur.items as JsonSchema | undefined;
      if (!items || typeof items !== 'object' || Array.isArray(items)) return undefined;
      cur = items;
    }
  }
  return cur;
}

/** Every personal-data field of a definition's case data (`x-pii` other than `none`), nested ones in path notation. */
export function piiPathsOf(definition: Pick<Definition, 'data'>): Array<{ path: string; kind: PiiKind }> {
  const out: Array<{ path: string; kind: PiiKind }> = [];
  const walk = (schema: JsonSchema, prefix: string) => {
    const props = schema.properties as Record<string, JsonSchema> | undefined;
    for (const [k, child] of Object.entries(props ?? {})) {
      if (!child || typeof child !== 'object') continue;
      const path = prefix + k;
      const kind = child['x-pii'] as PiiKind | undefined;
      if (kind && kind !== 'none') out.push({ path, kind });
      walk(child, path + '.');
      const items = child.items as JsonSchema | undefined;
      if (items && typeof items === 'object' && !Array.isArray(items)) {
        const itemKind = items['x-pii'] as PiiKind | undefined;
        if (itemKind && itemKind !== 'none') out.push({ path: path + '[]', kind: itemKind });
        walk(items, path + '[].');
      }
    }
  };
  walk(definition.data as JsonSchema, '');
  return out;
}

/** The concrete places a path reaches in `data`: JSON Pointers (relative to the data root) with their values. */
export function expandDataPath(data: unknown, path: string): Array<{ pointer: string; value: unknown }> {
  const segs = parseDataPath(path);
  if (!segs) return [];
  let cur: Array<{ pointer: string; value: unknown }> = [{ pointer: '', value: data }];
  for (const seg of segs) {
    const next: Array<{ pointer: string; value: unknown }> = [];
    for (const { pointer: at, value } of cur) {
      if (!value || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, seg.key)) continue;
      const v = (value as Record<string, unknown>)[seg.key];
      const base = at + pointer(seg.key);
      if (!seg.each) next.push({ pointer: base, value: v });
      else if (Array.isArray(v)) v.forEach((item, i) => next.push({ pointer: base + pointer(i), value: item }));
    }
    cur = next;
  }
  return cur;
}

/** `a.b[].c` → the path itself and every enclosing path, most specific first. */
function enclosing(pattern: string): string[] {
  const out = [pattern];
  let cur = pattern;
  while (/[.[]/.test(cur)) {
    cur = cur.endsWith('[]') ? cur.slice(0, -2) : cur.slice(0, cur.lastIndexOf('.'));
    out.push(cur);
  }
  return out;
}

/** The access a leaf has: the most specific matrix entry on its path, else the field's own default. */
export function accessAt(matrix: Readonly<Record<string, FieldAccess>>, pattern: string, fallback: FieldAccess): FieldAccess {
  for (const p of enclosing(pattern)) if (Object.hasOwn(matrix, p)) return matrix[p]!;
  return fallback;
}

