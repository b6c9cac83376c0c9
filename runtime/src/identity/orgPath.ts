/**
 * Org units are named by 统计用区划代码: county 6 digits, township 9, community (村/社区) 12,
 * grid 15 (a 3-digit sequence). The materialized path lists the code of every ancestor.
 */

const lengths = [6, 9, 12, 15] as const;
/** Org levels by depth 1–4. */
export const orgLevelNames = ['county', 'township', 'community', 'grid'] as const;
export type OrgLevelName = (typeof orgLevelNames)[number];

/** The materialized path of an org code, or undefined when the code is not 6/9/12/15 digits. */
export function orgPathOf(code: string): string | undefined {
  if (!/^\d+$/.test(code)) return undefined;
  const depth = lengths.indexOf(code.length as (typeof lengths)[number]);
  if (depth < 0) return undefined;
  return '/' + lengths.slice(0, depth + 1).map((n) => code.slice(0, n)).join('/');
}

/** True when `path` is a well-formed org path (each segment extends its parent). */
export function isOrgPath(path: string): boolean {
  const code = path.split('/').filter(Boolean).pop();
  return code !== undefined && orgPathOf(code) === path;
}

/** The ancestor-or-self paths of an org path, indexed by level (l1 county … l4 grid). */
export function orgLevelsOf(path: string): { org_l1: string | null; org_l2: string | null; org_l3: string | null; org_l4: string | null } {
  const parts = path.split('/').filter(Boolean);
  const at = (d: number) => (parts.length >= d ? '/' + parts.slice(0, d).join('/') : null);
  return { org_l1: at(1), org_l2: at(2), org_l3: at(3), org_l4: at(4) };
}

/** The level name of an org path: county … grid by depth, and `micro-grid` (微网格/楼栋) for any unit below a grid. */
export function levelNameOf(path: string): OrgLevelName | 'micro-grid' {
  return orgLevelNames[depthOfPath(path) - 1] ?? 'micro-grid';
}

/** Depth of a path (1 county … 4 grid). */
export function depthOfPath(path: string): number {
  return path.split('/').filter(Boolean).length;
}

/** True when `path` is `ancestor` or lies under it. */
export function isUnder(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(ancestor + '/');
}
