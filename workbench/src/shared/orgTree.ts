/** Builds the org tree (county → township → community → grid) from the flat list the API gives. */

/** An org unit as listed by the API. */
export interface OrgUnitLike { path: string; name: string; parentPath: string | null; code: string }
/** A tree node for antd's Tree / TreeSelect. */
export interface OrgNode { key: string; value: string; title: string; code: string; children: OrgNode[] }

/** The forest of `units` (roots are units whose parent is not listed). */
export function buildOrgTree(units: OrgUnitLike[]): OrgNode[] {
  const nodes = new Map(units.map((u) => [u.path, { key: u.path, value: u.path, title: u.name, code: u.code, children: [] as OrgNode[] }]));
  const roots: OrgNode[] = [];
  for (const u of units) {
    const parent = u.parentPath ? nodes.get(u.parentPath) : undefined;
    (parent ? parent.children : roots).push(nodes.get(u.path)!);
  }
  return roots;
}
