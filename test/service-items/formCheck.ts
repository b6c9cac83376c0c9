/** Test helper: validate data against one form of a service item as the server would (visibleIf applied). */
import { compileLogic, formSchemaOf, hiddenFields, validateFormData, type Definition, type FormError } from '@tongban/engine';

/** 2025-03-04 10:00 in China: the fixed "now" of the form tests. */
export const testNow = Date.parse('2025-03-04T10:00:00+08:00');

const evaluate = (logic: unknown, vars: Record<string, unknown>): unknown => {
  const c = compileLogic(logic, '');
  return c.ok ? c.logic.evaluate(vars) : false;
};

/** The errors a county office would see for `data` typed into `form` of `def`. */
export function checkForm(def: Definition, form: string, data: Record<string, unknown>, locale: 'zh-CN' | 'en' = 'zh-CN'): FormError[] {
  const spec = def.forms?.[form];
  if (!spec) throw new Error(`no form ${form}`);
  const hidden = hiddenFields(spec, { data }, evaluate);
  const { schema, diagnostics } = formSchemaOf(def, form, { hidden });
  if (diagnostics.length) throw new Error(JSON.stringify(diagnostics));
  return validateFormData(schema, data, { now: testNow, locale });
}

/** `[code, path]` pairs, for compact assertions. */
export function codes(errors: FormError[]): Array<[string, string]> {
  return errors.map((e) => [e.code, e.path]);
}
