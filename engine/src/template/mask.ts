/**
 * Masking of personal data in notification texts (`{{mask value "kind"}}`). Works on Unicode code points.
 * - name: 张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜 (first and, from 3 characters on, last kept)
 * - phone: 13812341234 → 138****1234 (first 3 + **** + last 4; 5–7 characters: all but the last 4 masked; up to 4: all)
 * - id-number: 110101199003071234 → 1****************4 (first and last kept)
 * - address: kept up to and including the first '号' or '单元', the rest becomes ****;
 *   without either marker the first half is kept.
 * Unknown kinds mask everything (****); null/undefined print ''.
 */
export function mask(value: unknown, kind: unknown): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  const cps = Array.from(s);
  if (cps.length === 0) return '';
  switch (kind) {
    case 'name':
      return maskName(cps);
    case 'phone':
      return maskPhone(cps);
    case 'id-number':
      return cps.length <= 2 ? stars(cps.length) : `${cps[0]}${stars(cps.length - 2)}${cps[cps.length - 1]}`;
    case 'address':
      return maskAddress(s, cps);
    default:
      return '****';
  }
}

function stars(n: number): string {
  return '*'.repeat(Math.max(n, 0));
}

function maskPhone(cps: string[]): string {
  if (cps.length > 7) return `${cps.slice(0, 3).join('')}****${cps.slice(-4).join('')}`;
  return cps.length > 4 ? stars(cps.length - 4) + cps.slice(-4).join('') : stars(cps.length);
}

function maskName(cps: string[]): string {
  if (cps.length === 1) return '*';
  if (cps.length === 2) return `${cps[0]}*`;
  return `${cps[0]}${stars(cps.length - 2)}${cps[cps.length - 1]}`;
}

function maskAddress(s: string, cps: string[]): string {
  const hits = ['号', '单元'].map((m) => [s.indexOf(m), m.length] as const).filter(([i]) => i >= 0);
  if (hits.length === 0) return `${cps.slice(0, Math.floor(cps.length / 2)).join('')}****`;
  const [i, len] = hits.reduce((a, b) => (b[0] < a[0] ? b : a));
  const kept = s.slice(0, i + len);
  return kept.length < s.length ? `${kept}****` : kept;
}
