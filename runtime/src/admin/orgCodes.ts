/**
 * The rules of org codes (统计用区划代码, shared/domain/README.md "Org hierarchy"): a child's code is its
 * parent's code plus a 3-digit sequence. Townships take 0xx 街道, 1xx 镇, 2xx–3xx 乡; units (站所, 县直部门)
 * take 9xx; communities (村/社区) 001–399; grids 001–999 under a community, never under a township.
 */

/** Levels an admin may create. */
export const childLevels = ['township', 'community', 'grid', 'unit'] as const;
export type ChildLevel = (typeof childLevels)[number];

/** Which levels may sit under which. */
const allowedUnder: Record<string, readonly ChildLevel[]> = {
  county: ['township', 'unit'],
  township: ['community', 'unit'],
  community: ['grid'],
};

/** The 3-digit sequence range of each level. */
const ranges: Record<ChildLevel, [number, number]> = { township: [1, 399], unit: [901, 999], community: [1, 399], grid: [1, 999] };

/** The levels a unit of `parentLevel` may hold (none under a grid or a unit). */
export function levelsUnder(parentLevel: string): readonly ChildLevel[] {
  return allowedUnder[parentLevel] ?? [];
}

/** The level a new child gets when none is named. */
export function defaultLevelUnder(parentLevel: string): ChildLevel | undefined {
  return levelsUnder(parentLevel)[0];
}

/** Why `code` cannot be a `level` child of `parentCode` (a short English reason), or undefined when it can. */
export function codeProblem(code: string, parentCode: string, level: ChildLevel): string | undefined {
  if (!/^[0-9]+$/.test(code)) return 'digits only';
  if (code.length !== parentCode.length + 3) return `${parentCode.length + 3} digits expected`;
  if (!code.startsWith(parentCode)) return `must start with the parent's code ${parentCode}`;
  const seq = Number(code.slice(-3));
  const [lo, hi] = ranges[level];
  if (seq < lo || seq > hi) return `sequence ${code.slice(-3)} outside ${String(lo).padStart(3, '0')}–${hi} for a ${level}`;
  return undefined;
}

/** The lowest free code for a `level` child of `parentCode`, given every code in use; undefined when the range is full. */
export function nextFreeCode(parentCode: string, level: ChildLevel, used: Set<string>): string | undefined {
  const [lo, hi] = ranges[level];
  for (let n = lo; n <= hi; n++) {
    const code = parentCode + String(n).padStart(3, '0');
    if (!used.has(code)) return code;
  }
  return undefined;
}

/** A descendant's code after its ancestor's code changed from `oldRoot` to `newRoot` (codes carry their ancestors). */
export function recode(code: string, oldRoot: string, newRoot: string): string {
  return newRoot + code.slice(oldRoot.length);
}
