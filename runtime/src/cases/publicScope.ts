/**
 * 公示 / 公告: while a case is in a state its definition tags `public` (a deliberation's notice and
 * resolution, a volunteer-hour notice), the residents of its community may read it, not only those
 * who took part. The community is kept on the case row (`public_l3`) so the scope stays one indexed
 * SQL condition (authz/scopeToSql.ts), never a filter in memory.
 */
import type { CompiledDefinition } from '@tongban/engine';
import { orgLevelsOf } from '../identity/orgPath.ts';

/** The state tag that opens a case to its community's residents. */
export const PUBLIC_TAG = 'public';

function activeIds(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix + value];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [prefix + k, ...activeIds(v, prefix + k + '.')]);
}

/** The community whose residents may read the case now (null when no active state is public). */
export function publicScopeOf(compiled: CompiledDefinition, value: unknown, orgPath: string): string | null {
  const states = compiled.model.states;
  const isPublic = activeIds(value).some((id) => (states.get(id) ?? states.get(id.split('.').pop()!))?.spec.tags?.includes(PUBLIC_TAG));
  if (!isPublic) return null;
  return orgLevelsOf(orgPath).org_l3 ?? orgPath;
}
