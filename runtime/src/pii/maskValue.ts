/**
 * Server-side masking per `x-pii` kind (shared/domain/personal-data.md §2): names keep the
 * surname, phones 3+4, ID numbers 1+1 (verifiers 6+4), addresses to the building/unit, GPS to
 * 3 decimals; sensitive kinds are hidden (undefined) unless the role needs them.
 */
import type { PiiKind } from '@tongban/engine';

/** How a viewer may see one field. */
export type Visibility = 'full' | 'masked' | 'hidden';

const stars = (n: number) => '*'.repeat(Math.max(0, n));

function maskName(v: string): string {
  const chars = [...v];
  if (chars.length <= 1) return v;
  if (chars.length === 2) return chars[0] + '*';
  return chars[0] + stars(chars.length - 2) + chars[chars.length - 1];
}

function maskPhone(v: string): string {
  const d = v.replace(/\s|-/g, '');
  return d.length >= 7 ? d.slice(0, 3) + stars(d.length - 7) + d.slice(-4) : stars(d.length);
}

function maskId(v: string, verifier: boolean): string {
  const [head, tail] = verifier ? [6, 4] : [1, 1];
  return v.length > head + tail ? v.slice(0, head) + stars(v.length - head - tail) + v.slice(-tail) : stars(v.length);
}

function maskAddress(v: string): string {
  // Keep up to the unit (单元), else the building (栋/幢/号楼), else the street number (号).
  for (const re of [/^.*?单元/, /^.*?(栋|幢|号楼)/, /^.*?号/]) {
    const m = re.exec(v);
    if (m) return m[0];
  }
  return [...v].slice(0, 6).join('') + '…';
}

function roundGps(v: unknown): unknown {
  const r = (n: unknown) => (typeof n === 'number' ? Math.round(n * 1000) / 1000 : n);
  if (Array.isArray(v)) return v.map(r);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, r(x)]));
  if (typeof v === 'string') return v.replace(/-?\d+\.\d+/g, (m) => String(Math.round(Number(m) * 1000) / 1000));
  return v;
}

function maskEmail(v: string): string {
  const at = v.indexOf('@');
  return at > 0 ? v[0] + '***' + v.slice(at) : '***';
}

/** The masked form of a value; undefined means the field is hidden. */
export function maskValue(kind: PiiKind, value: unknown, opts: { verifier?: boolean } = {}): unknown {
  if (value === null || value === undefined) return value;
  if (kind === 'gps' || kind === 'location') return roundGps(value);
  if (typeof value !== 'string') return ['name', 'phone', 'id-number', 'address', 'email'].includes(kind) ? '***' : undefined;
  switch (kind) {
    case 'name': return maskName(value);
    case 'phone': return maskPhone(value);
    case 'id-number': return maskId(value, !!opts.verifier);
    case 'address': return maskAddress(value);
    case 'email': return maskEmail(value);
    default: return undefined; // health, biometric, special-identity, minor, private: hidden
  }
}
