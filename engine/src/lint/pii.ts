/**
 * Personal data a step gives away: an ID number shown masked beside an unmasked birth date or sex
 * shows the digits the mask hides (GB 11643: digits 7–14 are the birth date, the 17th the sex), so
 * the mask protects nothing. Also: nested field-matrix entries must name fields of the data.
 */
import { accessAt, piiPathsOf, schemaAtPath, isNestedPath } from '../definition/dataPaths.ts';
import type { FieldAccess } from '../definition/types.ts';
import { diag } from '../diagnostics/catalog.ts';
import { pointer, type Diagnostic } from '../diagnostics/Diagnostic.ts';
import { quasiIdentifierKinds } from '../pii/maskValue.ts';
import { consentPurposeIds } from '../pii/consentPurposes.ts';
import { eachTask, type LintContext } from './context.ts';

const visible = (a: FieldAccess) => a === 'read' || a === 'write' || a === 'required';

/** `a.b[].c` → `a` (the top-level field a path starts in). */
const topOf = (path: string) => path.split(/[.[]/)[0]!;

/** Steps that show an ID number masked while a birth date or sex stays in clear. */
function derivable(c: LintContext): Diagnostic[] {
  const paths = piiPathsOf(c.def);
  const ids = paths.filter((p) => p.kind === 'id-number');
  const quasi = paths.filter((p) => quasiIdentifierKinds.has(p.kind));
  if (!ids.length || !quasi.length) return [];
  const out: Diagnostic[] = [];
  for (const { task, path } of eachTask(c)) {
    const matrix = task.fields ?? {};
    const form = task.form ? c.def.forms?.[task.form] : undefined;
    const fallback = (p: string): FieldAccess => matrix[topOf(p)] ?? (form?.fields.includes(topOf(p)) ? 'write' : 'read');
    for (const id of ids) {
      if (accessAt(matrix, id.path, fallback(id.path)) !== 'masked') continue;
      const clear = quasi.filter((q) => visible(accessAt(matrix, q.path, fallback(q.path))));
      if (clear.length) {
        const at = Object.hasOwn(matrix, id.path) ? path + pointer('fields', id.path) : path + '/fields';
        out.push(diag('lint.pii-derivable', at, { id: id.path, fields: clear.map((q) => q.path).join('、') }));
      }
    }
  }
  return out;
}

/** Nested matrix entries (`parties[].phone`) and cross-field rule fields must be fields of the case data. */
function nestedFields(c: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { task, path } of eachTask(c)) {
    for (const key of Object.keys(task.fields ?? {})) {
      if (isNestedPath(key) && !schemaAtPath(c.def.data, key)) out.push(diag('lint.unknown-field', path + pointer('fields', key), { field: key }));
    }
  }
  const rules: Array<[string, string[]]> = (c.def.rules ?? []).map((r, i) => [pointer('rules', i), r.fields]);
  for (const [id, form] of Object.entries(c.def.forms ?? {})) (form.rules ?? []).forEach((r, i) => rules.push([pointer('forms', id, 'rules', i), r.fields]));
  for (const [at, fields] of rules) {
    fields.forEach((f, i) => {
      if (!schemaAtPath(c.def.data, f)) out.push(diag('lint.unknown-field', at + pointer('fields', i), { field: f }));
    });
  }
  return out;
}

/** Consent fields (`x-consent`) must name a purpose the registry knows and, for their person, an ID-number field: else intake refuses every record. */
function consentFields(c: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const props = ((c.def.data as { properties?: Record<string, { 'x-consent'?: { purpose?: string; subject?: string } }> }).properties) ?? {};
  for (const [field, s] of Object.entries(props)) {
    const spec = s['x-consent'];
    if (!spec) continue;
    const at = pointer('data', 'properties', field, 'x-consent');
    if (spec.purpose && !(consentPurposeIds as string[]).includes(spec.purpose)) out.push(diag('lint.consent-unknown-purpose', at + '/purpose', { purpose: spec.purpose, known: consentPurposeIds.join('、') }));
    if (spec.subject && (schemaAtPath(c.def.data, spec.subject.replace(/^data\./, '')) as { 'x-pii'?: string } | undefined)?.['x-pii'] !== 'id-number') {
      out.push(diag('lint.consent-subject-not-id', at + '/subject', { field: spec.subject }));
    }
  }
  return out;
}

/** ID numbers whose mask is undone by a visible birth date or sex; nested matrix and rule fields that do not exist; consent fields the registry cannot check. */
export function checkPersonalData(c: LintContext): Diagnostic[] {
  return [...derivable(c), ...nestedFields(c), ...consentFields(c)];
}
