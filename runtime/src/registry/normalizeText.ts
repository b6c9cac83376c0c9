/**
 * Spreadsheet text as counties type it: full-width digits, letters and punctuation (１３８…, Ｘ,
 * （）) mixed with half-width ones, stray spaces. NFKC folds full-width forms to half-width and leaves
 * Chinese characters alone; callers report when a value changed, so the admin sees it was normalized.
 */

/** The value folded to half-width and trimmed, and whether folding changed anything but spaces. */
export function normalizeText(raw: string): { value: string; folded: boolean } {
  const trimmed = raw.replace(/[\u3000\s]+/g, ' ').trim();
  const value = trimmed.normalize('NFKC').replace(/\s+/g, ' ').trim();
  return { value, folded: value !== trimmed };
}

/** An ID number as typed (spaces removed, full-width folded, lower-case x upper-cased). */
export function normalizeIdNumber(raw: string): string {
  return normalizeText(raw).value.replace(/\s/g, '').toUpperCase();
}

/** A phone as typed: digits only (spaces, dashes and a +86 prefix dropped). */
export function normalizePhone(raw: string): string {
  const digits = normalizeText(raw).value.replace(/[\s-]/g, '');
  return digits.startsWith('+86') ? digits.slice(3) : digits;
}
