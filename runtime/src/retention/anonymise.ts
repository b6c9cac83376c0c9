/**
 * What the retention job writes in place of personal data (issue 14.8, PIPL): every value under a
 * path the definition tags `x-pii` (any kind but `none`), every sealed (encrypted) value wherever it
 * sits, and handwritten signatures become one tombstone string. The shape around them stays (keys,
 * array lengths), so a closed case still opens and its timeline still reads.
 */
import type { PiiKind } from '@tongban/engine';
import { visitPath } from '../pii/dataPaths.ts';

/** The tombstone: zh-CN first, then English. */
export const ANONYMISED = '〔已匿名化 anonymised〕';

type Json = unknown;

/** The value with every leaf replaced by the tombstone; returns how many leaves changed. */
function tombstone(v: Json, count: { n: number }): Json {
  if (Array.isArray(v)) return v.map((x) => tombstone(x, count));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, tombstone(x, count)]));
  if (v === null || v === undefined || v === ANONYMISED) return v;
  count.n++;
  return ANONYMISED;
}

/** Replaces, in place, every value at the tagged paths of case data; returns how many values changed. */
export function anonymiseData(data: Record<string, unknown>, fields: Map<string, PiiKind>): number {
  const count = { n: 0 };
  // parents before children: a tagged object is replaced whole, its tagged children then find tombstones
  for (const path of [...fields.keys()].sort((a, b) => a.length - b.length)) visitPath(data, path, (v, set) => set(tombstone(v, count)));
  return count.n;
}

/**
 * Replaces, in place, personal data anywhere in a stored JSON document (a snapshot, an event): the
 * tagged paths under every `data` object, sealed values, and `signature` strings. Returns how many
 * values changed.
 */
export function anonymiseDocument(doc: unknown, fields: Map<string, PiiKind>, isSealed: (v: unknown) => boolean): number {
  let n = 0;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) { node.forEach((x, i) => { if (isSealed(x)) { node[i] = ANONYMISED; n++; } else walk(x); }); return; }
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.data && typeof o.data === 'object' && !Array.isArray(o.data)) n += anonymiseData(o.data as Record<string, unknown>, fields);
    for (const [k, v] of Object.entries(o)) {
      if (isSealed(v) || (k === 'signature' && typeof v === 'string' && v !== '' && v !== ANONYMISED)) { o[k] = ANONYMISED; n++; }
      else walk(v);
    }
  };
  walk(doc);
  return n;
}

/** Every string at the tagged paths of case data (before anonymising): candidate attachment ids. */
export function stringsAtTaggedPaths(data: Record<string, unknown>, fields: Map<string, PiiKind>): Set<string> {
  const out = new Set<string>();
  const collect = (v: unknown): void => {
    if (typeof v === 'string') out.add(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  for (const path of fields.keys()) visitPath(data, path, (v) => collect(v));
  return out;
}
