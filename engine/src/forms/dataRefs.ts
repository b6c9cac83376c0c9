/**
 * Which data fields point at a person, an org unit or a grid, and the ids they hold: what a screen
 * shows by name instead of an account id, a path or a code. A field says so by its widget (选人
 * `user-picker`, 选组织 `org-picker`, 选网格 `grid-picker`), else by its pattern (an org path, a
 * 15-digit grid code) or, for a person, by a name ending in `UserId`.
 */
import type { Definition } from '../definition/types.ts';

type Node = { type?: unknown; pattern?: unknown; properties?: Record<string, Node>; items?: Node; 'x-widget'?: unknown };

/** The pattern of an org path and of a grid code in the service items' schemas. */
export const ORG_PATH_PATTERN = '^(/\\d{6,15})+$';
export const GRID_CODE_PATTERN = '^\\d{15}$';

/** What a string field named `key` points at, if anything (`widget`: the field's own, for a list's items). */
export function refKindOf(node: Node | undefined, key: string, widget: unknown = node?.['x-widget']): 'user' | 'org' | 'grid' | undefined {
  if (widget === 'user-picker' || /(^|[a-z])[uU]serId$/.test(key)) return 'user';
  if (widget === 'org-picker' || node?.pattern === ORG_PATH_PATTERN) return 'org';
  if (widget === 'grid-picker' || node?.pattern === GRID_CODE_PATTERN) return 'grid';
  return undefined;
}

/** The distinct user ids, org paths and grid codes the data holds, at any depth of records and lists (at most `limit` in all). */
export function dataRefs(def: Definition, data: Record<string, unknown>, limit = 500): { users: string[]; orgs: string[]; grids: string[] } {
  const found = { user: new Set<string>(), org: new Set<string>(), grid: new Set<string>() };
  let n = 0;
  const walk = (node: Node | undefined, key: string, value: unknown, widget: unknown) => {
    if (!node || value == null || n >= limit) return;
    if (Array.isArray(value)) { for (const v of value) walk(node.items, key, v, widget); return; }
    if (typeof value === 'string') {
      const kind = value ? refKindOf(node, key, widget) : undefined;
      if (kind && !found[kind].has(value)) { found[kind].add(value); n++; }
      return;
    }
    if (typeof value === 'object' && node.properties) {
      for (const [k, child] of Object.entries(node.properties)) walk(child, k, (value as Record<string, unknown>)[k], child['x-widget']);
    }
  };
  for (const [k, node] of Object.entries(((def.data as Node | undefined)?.properties) ?? {})) walk(node, k, data[k], node['x-widget']);
  return { users: [...found.user], orgs: [...found.org], grids: [...found.grid] };
}
