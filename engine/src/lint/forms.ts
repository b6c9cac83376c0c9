/** Forms and the data they edit: forms that exist, fields that exist, personal-data tags on every field. */
import { isNestedPath } from '../definition/dataPaths.ts';
import type { FormSpec, JsonSchema } from '../definition/types.ts';
import { diag } from '../diagnostics/catalog.ts';
import { pointer, type Diagnostic } from '../diagnostics/Diagnostic.ts';
import { eachTask, type LintContext } from './context.ts';

function formRefs(c: LintContext): Diagnostic[] {
  const forms = c.def.forms ?? {};
  const refs: Array<[string, string]> = eachTask(c).flatMap(({ task, path }) => (task.form !== undefined ? [[task.form, path + '/form'] as [string, string]] : []));
  if (c.def.intake) refs.push([c.def.intake.form, '/intake/form']);
  return refs.filter(([form]) => !Object.hasOwn(forms, form)).map(([form, path]) => diag('lint.unknown-form', path, { form }));
}

function formFields(c: LintContext, id: string, form: FormSpec): Diagnostic[] {
  const base = pointer('forms', id);
  const out: Diagnostic[] = [];
  const field = (f: string, path: string): void => {
    if (!c.dataKeys.has(f)) out.push(diag('lint.unknown-field', path, { field: f }));
  };
  form.fields.forEach((f, i) => field(f, base + pointer('fields', i)));
  (form.required ?? []).forEach((f, i) => {
    field(f, base + pointer('required', i));
    // the server still demands it on approval, but the form never shows it
    if (c.dataKeys.has(f) && !form.fields.includes(f)) out.push(diag('lint.required-not-in-form', base + pointer('required', i), { field: f, form: id }));
  });
  for (const f of Object.keys(form.visibleIf ?? {})) field(f, base + pointer('visibleIf', f));
  (form.steps ?? []).forEach((step, s) =>
    step.fields.forEach((f, i) => {
      const path = base + pointer('steps', s, 'fields', i);
      if (!c.dataKeys.has(f)) out.push(diag('lint.unknown-field', path, { field: f }));
      else if (!form.fields.includes(f)) out.push(diag('lint.step-field-not-in-form', path, { field: f, step: step.id, form: id }));
    }),
  );
  return out;
}

function matrixFields(c: LintContext): Diagnostic[] {
  return eachTask(c).flatMap(({ task, path }) =>
    // nested paths (`parties[].phone`) are checked against the schema in ./pii.ts
    Object.keys(task.fields ?? {}).filter((f) => !isNestedPath(f) && !c.dataKeys.has(f)).map((f) => diag('lint.unknown-field', path + pointer('fields', f), { field: f })),
  );
}

/** Nested object (and array item) properties need `x-pii` too; the schema only checks the top level. */
function untagged(schema: JsonSchema, path: string, name: string, out: Diagnostic[]): void {
  const props = schema.properties as Record<string, JsonSchema> | undefined;
  if (props && typeof props === 'object') {
    for (const [k, child] of Object.entries(props)) {
      if (!child || typeof child !== 'object') continue;
      const at = path + pointer('properties', k);
      if (!('x-pii' in child)) out.push(diag('lint.pii-untagged', at, { field: `${name}.${k}` }));
      untagged(child, at, `${name}.${k}`, out);
    }
  }
  const items = schema.items as JsonSchema | undefined;
  if (items && typeof items === 'object' && !Array.isArray(items)) untagged(items, path + '/items', `${name}[]`, out);
}

function piiTags(c: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const props = (c.def.data?.properties ?? {}) as Record<string, JsonSchema>;
  for (const [k, field] of Object.entries(props)) {
    const at = pointer('data', 'properties', k);
    if (!('x-pii' in field)) out.push(diag('lint.pii-untagged', at, { field: k }));
    untagged(field, at, k, out);
  }
  return out;
}

/** Unknown forms, unknown or misplaced form fields, unknown field-matrix keys, untagged personal data. */
export function checkForms(c: LintContext): Diagnostic[] {
  const perForm = Object.entries(c.def.forms ?? {}).flatMap(([id, form]) => formFields(c, id, form));
  return [...formRefs(c), ...perForm, ...matrixFields(c), ...piiTags(c)];
}
