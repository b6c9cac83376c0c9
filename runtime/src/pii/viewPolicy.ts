/**
 * Who sees what: the step's field matrix decides for the holder of an open task on the case;
 * otherwise the role default — mask identity and contact data, hide sensitive kinds unless the
 * role serves that need (personal-data.md §2).
 */
import type { FieldAccess, PiiKind } from '@tongban/engine';
import { maskValue, type Visibility } from './maskValue.ts';

/** Roles that need a sensitive kind in full for their work. */
export const rolesNeeding: Partial<Record<PiiKind, string[]>> = {
  health: ['call-operator', 'referral-officer', 'provider', 'community-officer'],
  'special-identity': ['community-officer', 'community-secretary'],
  private: ['mediator', 'community-secretary'],
  minor: ['community-officer', 'community-secretary'],
  biometric: [],
};

/** Roles that check ID numbers against a card (6+4 masking). */
export const verifierRoles = ['community-officer', 'community-secretary'];

/** Roles allowed a break-glass reveal (with a written reason), e.g. on an elderly alarm. */
export const breakGlassRoles = ['call-operator', 'county-dispatcher', 'township-reviewer', 'community-officer', 'community-secretary'];

/** A viewer: their role names and, if they hold an open task on the case, its field matrix. */
export interface Viewer { roles: string[]; stepFields?: Record<string, FieldAccess> }

/** How a viewer sees a field of a kind. */
export function visibilityOf(kind: PiiKind, field: string, viewer: Viewer): Visibility {
  const step = viewer.stepFields?.[field];
  if (step === 'hidden') return 'hidden';
  const needed = rolesNeeding[kind];
  if (needed && !needed.some((r) => viewer.roles.includes(r))) return 'hidden';
  if (step === 'read' || step === 'write' || step === 'required') return 'full';
  if (needed) return 'full';
  return 'masked';
}

/** Case data as a viewer may see it: masked, rounded or without hidden fields. */
export function viewData(fields: Map<string, PiiKind>, data: Record<string, unknown>, viewer: Viewer): { data: Record<string, unknown>; masked: string[]; hidden: string[] } {
  const out: Record<string, unknown> = {};
  const masked: string[] = [];
  const hidden: string[] = [];
  const verifier = verifierRoles.some((r) => viewer.roles.includes(r));
  for (const [k, v] of Object.entries(data)) {
    const kind = fields.get(k);
    const vis = kind ? visibilityOf(kind, k, viewer) : 'full';
    if (vis === 'full') out[k] = v;
    else if (vis === 'hidden') hidden.push(k);
    else {
      const m = maskValue(kind!, v, { verifier });
      if (m === undefined) hidden.push(k);
      else { out[k] = m; masked.push(k); }
    }
  }
  return { data: out, masked, hidden };
}

/** True when a viewer with an assignment may reveal a field of this kind. */
export function mayReveal(kind: PiiKind, field: string, viewer: Viewer): boolean {
  if (kind === 'biometric') return false;
  if (viewer.stepFields?.[field] === 'hidden') return false;
  const needed = rolesNeeding[kind];
  return !needed || needed.some((r) => viewer.roles.includes(r));
}
