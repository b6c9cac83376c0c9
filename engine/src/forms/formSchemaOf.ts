/** Builds the JSON Schema of one form (or one step of it) from a definition's case data schema. */
import type { Definition, JsonSchema } from '../definition/types.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { pointer } from '../diagnostics/Diagnostic.ts';
import { formsCodes } from '../diagnostics/codes/forms.ts';

export interface FormSchemaOptions {
  /** fields whose `visibleIf` is false for the current data: left out, never required */
  hidden?: readonly string[];
  /** only the fields of this step (multi-step forms validate step by step) */
  step?: string;
}

export interface FormSchemaResult {
  schema: JsonSchema;
  diagnostics: Diagnostic[];
}

const memo = new WeakMap<Definition, Map<string, FormSchemaResult>>();

function problem(code: string, path: string, details: Record<string, string>): Diagnostic {
  const e = formsCodes[code]!;
  const fill = (t: string): string => t.replace(/\{(\w+)\}/g, (m, k: string) => details[k] ?? m);
  return { code, severity: 'error', path, message: { 'zh-CN': fill(e['zh-CN']), en: fill(e.en) }, details };
}

function build(definition: Definition, formId: string, options: FormSchemaOptions): FormSchemaResult {
  const form = definition.forms?.[formId];
  if (!form) return { schema: { type: 'object' }, diagnostics: [problem('forms.unknown-form', pointer('forms', formId), { form: formId })] };
  const dataProps = (definition.data.properties ?? {}) as Record<string, JsonSchema>;
  const hidden = new Set(options.hidden ?? []);
  const stepFields = options.step ? form.steps?.find((s) => s.id === options.step)?.fields : undefined;
  const wanted = (stepFields ?? form.fields).filter((f) => !hidden.has(f));
  const diagnostics: Diagnostic[] = [];
  const properties: Record<string, JsonSchema> = {};
  for (const f of wanted) {
    const field = dataProps[f];
    if (field) properties[f] = field;
    else diagnostics.push(problem('forms.unknown-data-field', pointer('forms', formId, 'fields'), { form: formId, name: f }));
  }
  const required = (form.required ?? []).filter((f) => f in properties);
  const extra = { ...(form.schema ?? {}) };
  const extraProps = (extra.properties ?? {}) as Record<string, JsonSchema>;
  delete extra.properties;
  for (const [k, v] of Object.entries(extraProps)) if (properties[k]) properties[k] = { ...properties[k], ...v };
  const schema: JsonSchema = { type: 'object', properties, required, ...extra };
  return { schema, diagnostics };
}

/** The form's schema: its fields picked from `data`, its `required` list, and its extra keywords (memoised per definition). */
export function formSchemaOf(definition: Definition, formId: string, options: FormSchemaOptions = {}): FormSchemaResult {
  const key = JSON.stringify([formId, options.step ?? '', [...(options.hidden ?? [])].sort()]);
  let byKey = memo.get(definition);
  if (!byKey) memo.set(definition, (byKey = new Map()));
  let result = byKey.get(key);
  if (!result) byKey.set(key, (result = build(definition, formId, options)));
  return result;
}
