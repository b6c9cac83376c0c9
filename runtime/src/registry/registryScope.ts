/**
 * Where a registry user may act: the CASL rules of `defineAbilities` (org-level equality) checked
 * against a record's grid, and the SQL scope of lists (`applyScope`, indexed org-level columns).
 */
import type { AppAbility } from '../authz/defineAbilities.ts';
import { orgLevelsOf } from '../identity/orgPath.ts';

/** The record's org levels in the shape of the ability conditions (orgL1…orgL4). */
function orgFields(path: string): Record<string, string | null> {
  const l = orgLevelsOf(path);
  return { orgL1: l.org_l1, orgL2: l.org_l2, orgL3: l.org_l3, orgL4: l.org_l4 };
}

/** True when the ability allows `action` on `subject` records in the org unit at `path`. */
export function mayAt(ability: AppAbility, action: 'read' | 'manage', subject: 'Resident' | 'Device', path: string): boolean {
  const fields = orgFields(path);
  return ability.rulesFor(action, subject).some((r) => !r.inverted && Object.entries(r.conditions ?? {}).every(([k, v]) => fields[k] === v));
}

/** True when the ability allows `action` on some `subject` record anywhere (a role gate before any lookup). */
export function mayAny(ability: AppAbility, action: 'read' | 'manage', subject: 'Resident' | 'Device'): boolean {
  return ability.rulesFor(action, subject).some((r) => !r.inverted);
}
