/**
 * Maps ajv errors to our coded, bilingual diagnostics. For `oneOf`, only the errors of the closest
 * branch are kept (the one with the fewest errors), so a typo in a task assignment reads as one
 * clear message instead of five.
 */
import type { ErrorObject } from 'ajv';
import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { pointer } from '../diagnostics/Diagnostic.ts';

function toDiagnostic(e: ErrorObject): Diagnostic {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': return diag('schema.required', e.instancePath + pointer(String(p.missingProperty)), { property: p.missingProperty });
    case 'additionalProperties': return diag('schema.additional-property', e.instancePath + pointer(String(p.additionalProperty)), { property: p.additionalProperty });
    case 'type': return diag('schema.type', e.instancePath, { expected: p.type });
    case 'enum': return diag('schema.enum', e.instancePath, { allowed: (p.allowedValues as unknown[]).join(', ') });
    case 'const': return diag('schema.const', e.instancePath, { allowed: JSON.stringify(p.allowedValue) });
    case 'pattern': return diag('schema.pattern', e.instancePath, { pattern: p.pattern });
    case 'minItems': return diag('schema.min-items', e.instancePath, { limit: p.limit });
    case 'maxItems': return diag('schema.max-items', e.instancePath, { limit: p.limit });
    case 'minProperties': return diag('schema.min-properties', e.instancePath, { limit: p.limit });
    case 'maxProperties': return diag('schema.max-properties', e.instancePath, { limit: p.limit });
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
      return diag('schema.range', e.instancePath, { comparison: p.comparison, limit: p.limit });
    case 'minLength': case 'maxLength': return diag('schema.length', e.instancePath, { comparison: e.keyword === 'minLength' ? '>=' : '<=', limit: p.limit });
    case 'uniqueItems': return diag('schema.unique', e.instancePath);
    case 'propertyNames': return diag('schema.property-name', e.instancePath + pointer(String(p.propertyName)), { property: p.propertyName });
    case 'oneOf': return diag('schema.one-of', e.instancePath);
    // the only `not` in the format: decision names may not be task operations (claim, urge, ...)
    case 'not': return e.propertyName !== undefined
      ? diag('schema.reserved-name', e.instancePath + pointer(e.propertyName), { property: e.propertyName })
      : diag('schema.invalid', e.instancePath, { reason: `not: ${e.message ?? ''}` });
    default: return diag('schema.invalid', e.instancePath, { reason: `${e.keyword}: ${e.message ?? ''}` });
  }
}

function branchOf(e: ErrorObject, oneOfPath: string): number | undefined {
  if (!e.schemaPath.startsWith(oneOfPath + '/')) return undefined;
  return Number(e.schemaPath.slice(oneOfPath.length + 1).split('/')[0]);
}

/** Keeps the closest oneOf branch's errors, drops noise (if/then wrappers, propertyNames echoes). */
function prune(errors: ErrorObject[]): ErrorObject[] {
  const reserved = new Set(errors.filter((e) => e.keyword === 'not' && e.propertyName !== undefined).map((e) => e.instancePath + '/' + e.propertyName));
  let kept = errors.filter((e) => e.keyword !== 'if' && !(e.keyword === 'pattern' && e.propertyName !== undefined)
    && !(e.keyword === 'propertyNames' && reserved.has(e.instancePath + '/' + String((e.params as { propertyName?: string }).propertyName))));
  for (const one of errors.filter((e) => e.keyword === 'oneOf')) {
    const byBranch = new Map<number, ErrorObject[]>();
    for (const e of kept) {
      const b = e.instancePath.startsWith(one.instancePath) ? branchOf(e, one.schemaPath) : undefined;
      if (b !== undefined) byBranch.set(b, [...(byBranch.get(b) ?? []), e]);
    }
    if (byBranch.size === 0) continue;
    // a branch whose value is not even of its type (an object where the branch wants a list) was not what the author meant
    const offType = (errs: ErrorObject[]) => (errs.every((e) => e.keyword === 'type' && e.instancePath === one.instancePath) ? 1 : 0);
    const attributed = new Set([...byBranch.values()].flat());
    const deeper = kept.some((e) => e !== one && !attributed.has(e) && e.instancePath.startsWith(one.instancePath));
    if (deeper && [...byBranch.values()].every((errs) => offType(errs))) {
      // the errors of the meant branch sit behind a $ref (ajv reports them under the referenced schema): keep those
      kept = kept.filter((e) => e !== one && !attributed.has(e));
      continue;
    }
    const best = [...byBranch.entries()].sort((a, b) => offType(a[1]) - offType(b[1]) || a[1].length - b[1].length || a[0] - b[0])[0]![1];
    const drop = new Set([...byBranch.values()].flat().filter((e) => !best.includes(e)));
    drop.add(one);
    kept = kept.filter((e) => !drop.has(e));
  }
  return kept;
}

/** Converts ajv errors to sorted, de-duplicated diagnostics. */
export function schemaDiagnostics(errors: ErrorObject[] | null | undefined): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of prune(errors ?? []).map(toDiagnostic)) {
    const key = d.code + d.path;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out.sort((a, b) => a.path.localeCompare(b.path) || a.code.localeCompare(b.code));
}
