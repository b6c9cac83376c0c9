/**
 * Which case-data values are personal data, and of what kind, from the definition's `x-pii` tags —
 * top-level fields and nested ones (an object's properties, an array's items), each named by its
 * data path (`parties[].idNumber`, see dataPaths.ts).
 */
import type { Definition, PiiKind } from '@tongban/engine';

type Node = { 'x-pii'?: PiiKind; type?: unknown; properties?: Record<string, Node>; items?: Node };

const cache = new WeakMap<object, Map<string, PiiKind>>();

/** Path → PII kind for every tagged value other than `none` (cached per definition object). */
export function piiFieldsOf(definition: Pick<Definition, 'data'>): Map<string, PiiKind> {
  const hit = cache.get(definition);
  if (hit) return hit;
  const out = new Map<string, PiiKind>();
  const walk = (node: Node | undefined, path: string) => {
    if (!node || typeof node !== 'object') return;
    const kind = node['x-pii'];
    if (path && kind && kind !== 'none') out.set(path, kind);
    for (const [name, child] of Object.entries(node.properties ?? {})) walk(child, path ? `${path}.${name}` : name);
    if (node.items && path) walk(node.items, `${path}[]`);
  };
  walk(definition.data as Node, '');
  cache.set(definition, out);
  return out;
}

/** Kinds encrypted at rest (and indexed by a keyed hash for lookups). */
export const encryptedKinds: ReadonlySet<PiiKind> = new Set(['id-number']);

/** The paths whose values are encrypted at rest. */
export function encryptedPaths(fields: Map<string, PiiKind>): string[] {
  return [...fields].filter(([, k]) => encryptedKinds.has(k)).map(([p]) => p);
}
