/**
 * Masking of personal data per `x-pii` kind — one rule for every place that shows it: API
 * responses, exports and notification texts (shared/domain/personal-data.md §2). Pure.
 *
 * - name: the surname and, from 3 characters on, the last character (张*, 张*丰, 欧**娜)
 * - phone: first 3 + **** + last 4 (138****1234); separators are dropped first
 * - id-number: first and last character (3****************X); roles that check the number against
 *   the card see first 6 + last 4 — but only when the same view shows no birth date or sex in
 *   clear, since 6 + 8 birth-date digits + 4 is the whole number (`verifier` says which applies)
 * - birth-date: the year only (1948-**-**), so an age is readable and no ID digits follow from it
 * - sex: hidden behind one star
 * - address: up to the unit (单元), else the building (栋/幢/号楼), else the street number (号)
 * - gps / location: rounded to 3 decimals (about 100 m)
 * - email: first character and the domain
 * - health, biometric, special-identity, minor, private and unknown kinds: hidden (undefined)
 */

/** The masked form of a value, or undefined when the kind is hidden from anyone who may not see it in full. */
export function maskValue(kind: string, value: unknown, opts: { verifier?: boolean } = {}): unknown {
  if (value === null || value === undefined) return value;
  if (kind === 'gps' || kind === 'location') return roundGps(value);
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
  if (text === undefined) return kind in maskers ? '***' : undefined;
  const masker = maskers[kind];
  return masker ? masker(text, !!opts.verifier) : undefined;
}

/** Kinds that quasi-identify a person: shown in clear beside a masked ID number they would complete it. */
export const quasiIdentifierKinds: ReadonlySet<string> = new Set(['birth-date', 'sex']);

const stars = (n: number) => '*'.repeat(Math.max(0, n));

const maskers: Record<string, (v: string, verifier: boolean) => string> = {
  name: maskName,
  phone: maskPhone,
  'id-number': (v, verifier) => maskId(v, verifier),
  'birth-date': (v) => (/^\d{4}/.test(v) ? v.slice(0, 4) + v.slice(4).replace(/\d/g, '*') : stars([...v].length)),
  sex: () => '*',
  address: maskAddress,
  email: (v) => { const at = v.indexOf('@'); return at > 0 ? [...v][0] + '***' + v.slice(at) : '***'; },
};

function maskName(v: string): string {
  const c = [...v];
  if (c.length <= 1) return stars(c.length);
  if (c.length === 2) return c[0] + '*';
  return c[0] + stars(c.length - 2) + c[c.length - 1];
}

function maskPhone(v: string): string {
  const d = [...v.replace(/[\s()-]/g, '')];
  if (d.length >= 8) return d.slice(0, 3).join('') + '****' + d.slice(-4).join('');
  return d.length > 4 ? stars(d.length - 4) + d.slice(-4).join('') : stars(d.length);
}

function maskId(v: string, verifier: boolean): string {
  const c = [...v];
  const [head, tail] = verifier ? [6, 4] : [1, 1];
  return c.length > head + tail ? c.slice(0, head).join('') + stars(c.length - head - tail) + c.slice(-tail).join('') : stars(c.length);
}

function maskAddress(v: string): string {
  for (const re of [/^.*?单元/, /^.*?(栋|幢|号楼)/, /^.*?号/]) {
    const m = re.exec(v);
    if (m) return m[0].length < v.length ? m[0] + '****' : m[0];
  }
  const c = [...v];
  return c.slice(0, Math.floor(c.length / 2)).join('') + '****';
}

function roundGps(v: unknown): unknown {
  const r = (n: unknown) => (typeof n === 'number' ? Math.round(n * 1000) / 1000 : n);
  if (Array.isArray(v)) return v.map(r);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, r(x)]));
  if (typeof v === 'string') return v.replace(/-?\d+\.\d+/g, (m) => String(Math.round(Number(m) * 1000) / 1000));
  return v;
}
