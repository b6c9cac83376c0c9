/**
 * A card as readers return it (居民身份证法 Art. 3 fields minus the fingerprint, plus the SAM id), checked:
 * the GB 11643 check digit, the birth date inside the number, the validity period; and mapped onto the
 * resident fields a form declares — only those, never the photo unless the form asks for it.
 */

/** What the bridge returns for a card. */
export interface Card { name: string; sex: string; nation: string; birthDate: string; address: string; idNumber: string; issuer: string; validFrom: string; validTo: string; photo?: string; samId?: string }

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** True when an 18-character number carries a valid GB 11643 check digit and a real birth date. */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  if (CHECK[sum % 11] !== id[17]) return false;
  const [y, m, d] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Why a card cannot fill a form. */
export type CardProblem = 'card.bad-id-number' | 'card.expired' | 'card.malformed' | 'card.birth-mismatch';

const dateOf = (s: string) => (/^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : s);

/** Checks a card at `now` (epoch ms). */
export function checkCard(c: Card, now: number): CardProblem | undefined {
  if (!c || typeof c.idNumber !== 'string' || typeof c.name !== 'string' || !c.name) return 'card.malformed';
  const id = c.idNumber.toUpperCase();
  if (!isValidIdNumber(id)) return 'card.bad-id-number';
  if (dateOf(c.birthDate).replace(/-/g, '') !== id.slice(6, 14)) return 'card.birth-mismatch';
  if (c.validTo !== '长期' && !(Date.parse(dateOf(c.validTo) + 'T23:59:59+08:00') >= now)) return 'card.expired';
  return undefined;
}

/** Card fields a form may ask for. */
export const CARD_FIELDS = ['name', 'sex', 'nation', 'birthDate', 'address', 'idNumber', 'issuer', 'validFrom', 'validTo', 'photo'] as const;

/** The values for the form's fields (`formField → cardField`), nothing else; sex as the forms spell it. */
export function fill(c: Card, mapping: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, from] of Object.entries(mapping)) {
    if (!(CARD_FIELDS as readonly string[]).includes(from)) continue;
    let v = (c as unknown as Record<string, string | undefined>)[from];
    if (v === undefined) continue;
    if (from === 'sex') v = v === '男' || v === 'male' ? 'male' : 'female';
    if (from === 'birthDate' || from === 'validFrom' || (from === 'validTo' && v !== '长期')) v = dateOf(v);
    if (from === 'idNumber') v = v.toUpperCase();
    out[field] = v;
  }
  return out;
}
