/**
 * A resident as a viewer may see it, by the same rules as case data (pii/viewPolicy.ts): each
 * field has its `x-pii` kind; identity and contact data are masked, special identities (the
 * categories: 独居、残疾、低保) hidden unless the role serves that group, an ID number 1 + 1 (6 + 4 for
 * verifier roles while no birth date or sex is shown in clear). Reveals go through the reveal route.
 */
import type { PiiKind } from '@tongban/engine';
import { viewData, mayReveal } from '../../pii/viewPolicy.ts';
import type { Resident } from './residentRecord.ts';

/** The `x-pii` kind of each personal field of a resident (data paths, as in definitions). */
export const residentPiiKinds = new Map<string, PiiKind>([
  ['name', 'name'], ['idNumber', 'id-number'], ['phone', 'phone'], ['birthDate', 'birth-date'], ['sex', 'sex'], ['address', 'address'],
  ['categories', 'special-identity'], ['emergencyContacts[].name', 'name'], ['emergencyContacts[].phone', 'phone'],
] as Array<[string, PiiKind]>);

/** Fields a reveal may name. */
export const revealableResidentFields = [...residentPiiKinds.keys()];

/** The resident as `roles` see it, with the masked and hidden paths listed. */
export function residentView(r: Resident, roles: string[]): Record<string, unknown> {
  const { data, masked, hidden } = viewData(residentPiiKinds, r as unknown as Record<string, unknown>, { roles });
  return { ...data, masked, hidden };
}

/** True when `roles` may reveal the field (data path) of a resident. */
export function mayRevealResidentField(path: string, roles: string[]): boolean {
  const kind = residentPiiKinds.get(path);
  return !!kind && mayReveal(kind, path, { roles });
}
