/** Which case-data fields are personal data, and of what kind, from the definition's `x-pii` tags. */
import type { Definition, PiiKind } from '@tongban/engine';

/** Field name → PII kind, for every tagged top-level data property other than `none`. */
export function piiFieldsOf(definition: Pick<Definition, 'data'>): Map<string, PiiKind> {
  const props = ((definition.data as { properties?: Record<string, { 'x-pii'?: PiiKind }> }).properties) ?? {};
  const out = new Map<string, PiiKind>();
  for (const [name, schema] of Object.entries(props)) {
    const kind = schema?.['x-pii'];
    if (kind && kind !== 'none') out.set(name, kind);
  }
  return out;
}

/** Kinds encrypted at rest. */
export const encryptedKinds: ReadonlySet<PiiKind> = new Set(['id-number']);
