/** Types for check-deps.mjs (a plain Node script, so it runs without a build step). */
export interface Violation { file: string; line: number; message: string }
export interface Layer { layer: string; dir: string; uses: string[] }
export const LAYERS: Layer[];
export function checkDeps(root: string): { violations: Violation[]; stats: { packages: number; files: number; imports: number } };
export function findPackages(root: string): Array<{ dir: string; rel: string; name?: string; layer?: string }>;
