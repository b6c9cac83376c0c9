/**
 * The field matrix (字段权限) of a step, enforced on what a handler writes: top-level fields and
 * nested paths (`parties[].idNumber: "read"`, `household.members[].phone: "required"`). A write to
 * a field is checked leaf by leaf against the most specific matrix entry on each changed leaf's path.
 */
import { accessAt, isNestedPath, parseDataPath, expandDataPath } from '../definition/dataPaths.ts';
import type { FieldAccess } from '../definition/types.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { pointer } from '../diagnostics/Diagnostic.ts';

const writable = (a: FieldAccess) => a === 'write' || a === 'required';
const isObject = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/** Leaves that differ between two values, as JSON Pointers and as path patterns (array items as `[]`). */
export function changedLeaves(before: unknown, after: unknown, at: string, pattern: string): Array<{ pointer: string; pattern: string }> {
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: Array<{ pointer: string; pattern: string }> = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) out.push(...changedLeaves(before[i], after[i], at + pointer(i), pattern + '[]'));
    return out;
  }
  if (Array.isArray(after) && before === undefined) return after.flatMap((x, i) => changedLeaves(undefined, x, at + pointer(i), pattern + '[]'));
  if (isObject(before) || isObject(after)) {
    const b = isObject(before) ? before : {};
    const a = isObject(after) ? after : {};
    if (!isObject(before) && before !== undefined) return [{ pointer: at, pattern }];
    if (!isObject(after) && after !== undefined) return [{ pointer: at, pattern }];
    return [...new Set([...Object.keys(b), ...Object.keys(a)])].flatMap((k) => changedLeaves(b[k], a[k], at + pointer(k), `${pattern}.${k}`));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ pointer: at, pattern }];
}

/** Writes the matrix does not allow: `written` is the event's data, `before` the case data it lands on. */
export function unwritable(matrix: Record<string, FieldAccess>, written: Record<string, unknown>, before: Record<string, unknown>, defaultOf: (field: string) => FieldAccess): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const key of Object.keys(written)) {
    const own = matrix[key] ?? defaultOf(key);
    const nested = Object.keys(matrix).some((p) => isNestedPath(p) && (p.startsWith(key + '.') || p.startsWith(key + '[')));
    if (!nested) {
      if (!writable(own)) out.push(diag('run.field-not-writable', '/data' + pointer(key), { field: key }));
      continue;
    }
    const seen = new Set<string>();
    for (const leaf of changedLeaves(before[key], written[key], pointer(key), key)) {
      if (writable(accessAt(matrix, leaf.pattern, own)) || seen.has(leaf.pattern + leaf.pointer)) continue;
      seen.add(leaf.pattern + leaf.pointer);
      out.push(diag('run.field-not-writable', '/data' + leaf.pointer, { field: leaf.pattern }));
    }
  }
  return out;
}

const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Required entries of the matrix that are still empty in `data` (nested ones in every item that has the field's parent). */
export function missingRequired(matrix: Record<string, FieldAccess>, data: Record<string, unknown>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [path, access] of Object.entries(matrix)) {
    if (access !== 'required') continue;
    if (!isNestedPath(path)) {
      if (empty(data[path])) out.push(diag('run.field-required', '/data' + pointer(path), { field: path }));
      continue;
    }
    const segs = parseDataPath(path)!;
    const last = segs[segs.length - 1]!;
    const parentPath = segs.slice(0, -1).map((s) => s.key + (s.each ? '[]' : '')).join('.');
    for (const parent of expandDataPath(data, parentPath)) {
      const items = last.each ? [] : [parent.value];
      for (const v of items) if (isObject(v) && empty(v[last.key])) out.push(diag('run.field-required', '/data' + parent.pointer + pointer(last.key), { field: path }));
    }
  }
  return out;
}
