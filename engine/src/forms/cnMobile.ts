/** Mainland China mobile numbers: 11 digits, 1 then 3–9 (no +86 prefix, no separators). */
const CN_MOBILE = /^1[3-9]\d{9}$/;

/** True for a mainland mobile number such as 13800138000. */
export function isCnMobile(value: string): boolean {
  return CN_MOBILE.test(value);
}
