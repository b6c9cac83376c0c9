/** Validates what a user typed into a form against the form's JSON Schema, with zh-CN and en messages. */
import type { ValidateFunction } from 'ajv';
import { pointer } from '../diagnostics/Diagnostic.ts';
import { formsCodes } from '../diagnostics/codes/forms.ts';
import { createFormAjv } from './createFormAjv.ts';
import type { FormContext } from './dateBounds.ts';
import { toFormErrors, type FormError, type Locale } from './errorMessages.ts';
import { normalizeFormData } from './normalizeFormData.ts';

export interface ValidateFormOptions {
  /** epoch ms to compare `x-notFuture` / `x-notPast` with: the engine never reads the clock */
  now: number;
  locale?: Locale;
  /** offset of the county's local time (default +08:00) for date-only values and values without a zone */
  utcOffsetMinutes?: number;
}

let shared: ReturnType<typeof createFormAjv> | undefined;
const compiled = new WeakMap<object, ValidateFunction | { error: string }>();

function compile(schema: object): ValidateFunction | { error: string } {
  let v = compiled.get(schema);
  if (!v) {
    shared ??= createFormAjv();
    try {
      v = shared.compile(schema);
    } catch (err) {
      v = { error: (err as Error).message };
    }
    compiled.set(schema, v);
  }
  return v;
}

/**
 * Validates form data (blank strings count as missing). Returns [] when valid, else one error per
 * problem: `{ code, path (JSON Pointer), message: { zh-CN, en }, text }`. Compiled schemas are cached per object.
 */
export function validateFormData(formSchema: object, data: unknown, options: ValidateFormOptions): FormError[] {
  const locale = options.locale ?? 'zh-CN';
  const validate = compile(formSchema);
  if ('error' in validate) {
    const e = formsCodes['forms.invalid']!;
    const message = { 'zh-CN': e['zh-CN'].replace('{field}', '表单定义'), en: e.en.replace('{field}', 'The form definition') };
    return [{ code: 'forms.invalid', severity: 'error', path: pointer(), message, details: { reason: validate.error }, text: message[locale] }];
  }
  const ctx: FormContext = { now: options.now, utcOffsetMinutes: options.utcOffsetMinutes ?? 480 };
  if (validate.call(ctx, normalizeFormData(data))) return [];
  return toFormErrors(validate.errors ?? [], formSchema, locale);
}
