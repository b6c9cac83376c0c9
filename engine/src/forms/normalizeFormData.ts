/** Empty answers count as missing: a county office does not accept a blank in a required box. */

function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** A copy of the data without blank strings and nulls (recursively, in objects and arrays of objects). */
export function normalizeFormData(data: unknown): unknown {
  if (Array.isArray(data)) return data.filter((v) => !isBlank(v)).map(normalizeFormData);
  if (typeof data !== 'object' || data === null) return data;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (!isBlank(v)) out[k] = normalizeFormData(v);
  return out;
}
