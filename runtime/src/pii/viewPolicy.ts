/**
 * Who sees what: the step's field matrix decides for the holder of an open task on the case;
 * otherwise the role default — mask identity and contact data, hide sensitive kinds unless the
 * role serves that need (personal-data.md §2). Works on data paths, so nested personal data (a
 * party's ID number inside an array) is masked like a top-level field; a matrix entry for a path
 * applies to everything under it unless a more specific entry says otherwise.
 */
import { maskValue, quasiIdentifierKinds, type FieldAccess, type PiiKind } from '@tongban/engine';
import { ancestorsOf, cloneData, valuesAt, visitPath } from './dataPaths.ts';

/** How a viewer may see one field. */
export type Visibility = 'full' | 'masked' | 'hidden';

/** Roles that need a sensitive kind in full for their work. */
export const rolesNeeding: Partial<Record<PiiKind, string[]>> = {
  health: ['call-operator', 'referral-officer', 'provider', 'community-officer'],
  'special-identity': ['community-officer', 'community-secretary'],
  private: ['mediator', 'community-secretary'],
  minor: ['community-officer', 'community-secretary'],
  biometric: [],
};

/** Roles that check ID numbers against a card (6+4 masking, unless a birth date or sex is shown in clear beside it). */
export const verifierRoles = ['community-officer', 'community-secretary'];

/** Roles allowed a break-glass reveal (with a written reason), e.g. on an elderly alarm. */
export const breakGlassRoles = ['call-operator', 'county-dispatcher', 'township-reviewer', 'community-officer', 'community-secretary'];

/** A viewer: their role names and, if they hold an open task on the case, its field matrix. */
export interface Viewer { roles: string[]; stepFields?: Record<string, FieldAccess> }

/** The step's access for a path: its own entry, else the nearest enclosing one. */
function stepAccess(path: string, viewer: Viewer): FieldAccess | undefined {
  if (!viewer.stepFields) return undefined;
  for (const p of ancestorsOf(path)) if (viewer.stepFields[p]) return viewer.stepFields[p];
  return undefined;
}

/** How a viewer sees a field (data path) of a kind. */
export function visibilityOf(kind: PiiKind, path: string, viewer: Viewer): Visibility {
  const step = stepAccess(path, viewer);
  if (step === 'hidden') return 'hidden';
  const needed = rolesNeeding[kind];
  if (needed && !needed.some((r) => viewer.roles.includes(r))) return 'hidden';
  if (step === 'read' || step === 'write' || step === 'required') return 'full';
  if (needed) return 'full';
  return 'masked';
}

/** Case data (or a draft) as a viewer may see it: masked, rounded or without hidden values; `masked`/`hidden` list the paths. */
export function viewData(fields: Map<string, PiiKind>, data: Record<string, unknown>, viewer: Viewer): { data: Record<string, unknown>; masked: string[]; hidden: string[] } {
  const out = cloneData(data);
  const masked: string[] = [];
  const hidden: string[] = [];
  const vis = new Map([...fields].map(([path, kind]) => [path, visibilityOf(kind, path, viewer)]));
  // A birth date or sex shown in clear completes an ID number shown as 6 + 4 (its 8 hidden digits are the birth date).
  const quasiInClear = [...fields].some(([path, kind]) => quasiIdentifierKinds.has(kind) && vis.get(path) === 'full' && valuesAt(data, path).some((v) => v !== null && v !== undefined && v !== ''));
  const verifier = verifierRoles.some((r) => viewer.roles.includes(r)) && !quasiInClear;
  // Deepest paths first, so a nested value is masked before an enclosing tagged value is dropped.
  const paths = [...fields.keys()].sort((a, b) => b.split(/\.|\[\]/).length - a.split(/\.|\[\]/).length);
  // A tagged container whose parts carry their own tags (parties[] with name, phone, ID number) is
  // masked through its parts; as a whole it is only ever dropped (hidden), never replaced by stars.
  const hasTaggedParts = (path: string) => paths.some((p) => p.startsWith(path + '.') || p.startsWith(path + '[]'));
  for (const path of paths) {
    const v = vis.get(path)!;
    if (v === 'full' || (v === 'masked' && hasTaggedParts(path))) continue;
    let seen = false;
    let dropped = false;
    visitPath(out, path, (value, set, drop) => {
      seen = true;
      const m = v === 'hidden' ? undefined : maskValue(fields.get(path)!, value, { verifier });
      if (m === undefined && value !== undefined && value !== null) { drop(); dropped = true; } else set(m);
    });
    if (seen) (dropped ? hidden : masked).push(path);
  }
  return { data: out, masked, hidden };
}

/** True when a viewer with an assignment may reveal a field (data path) of this kind. */
export function mayReveal(kind: PiiKind, path: string, viewer: Viewer): boolean {
  if (kind === 'biometric') return false;
  if (stepAccess(path, viewer) === 'hidden') return false;
  const needed = rolesNeeding[kind];
  return !needed || needed.some((r) => viewer.roles.includes(r));
}
