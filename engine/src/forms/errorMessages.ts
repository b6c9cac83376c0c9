/** Turns ajv errors into coded, bilingual form errors with JSON Pointer paths. */
import type { ErrorObject } from 'ajv';
import type { Diagnostic, LocalizedText } from '../diagnostics/Diagnostic.ts';
import { pointer } from '../diagnostics/Diagnostic.ts';
import { formsCodes } from '../diagnostics/codes/forms.ts';
import { idNumberProblem } from './cnIdNumber.ts';
import { labelAt } from './fieldLabel.ts';

/** A form error: a Diagnostic plus `text`, the message in the requested locale. */
export interface FormError extends Diagnostic {
  text: string;
}

export type Locale = 'zh-CN' | 'en';

const typeNames: Record<string, [string, string]> = {
  string: ['文本', 'text'], number: ['数字', 'a number'], integer: ['整数', 'a whole number'],
  boolean: ['是/否', 'yes or no'], array: ['列表', 'a list'], object: ['对象', 'an object'], null: ['空值', 'empty'],
};
const formatNames: Record<string, string> = {
  date: '日期，如 2025-03-04', 'date-time': '日期时间，如 2025-03-04T09:12:00+08:00', time: '时间，如 09:12',
  email: '电子邮箱', uri: '网址', uuid: 'UUID',
};
const limitKeywords: Record<string, string> = {
  minLength: 'forms.min-length', maxLength: 'forms.max-length', minimum: 'forms.minimum', maximum: 'forms.maximum',
  minItems: 'forms.min-items', maxItems: 'forms.max-items',
};
const simpleKeywords: Record<string, string> = {
  pattern: 'forms.pattern', enum: 'forms.enum', const: 'forms.const', uniqueItems: 'forms.unique-items',
  'x-notFuture': 'forms.not-future', 'x-notPast': 'forms.not-past', additionalProperties: 'forms.unknown-field',
};
/** Keywords whose failure only repeats a more precise error reported under them. */
const echoKeywords = new Set(['if', 'then', 'else', 'allOf', '$ref', 'dependentSchemas']);

interface Mapped { code: string; path: string; details: Record<string, unknown>; fieldSchema: unknown }

function formatCode(format: string, value: unknown): string {
  if (format === 'cn-mobile') return 'forms.cn-mobile';
  if (format !== 'cn-id-number') return 'forms.format';
  const problem = typeof value === 'string' ? idNumberProblem(value) : 'shape';
  return problem === 'checksum' || problem === 'birth-date' ? `forms.cn-id-number.${problem}` : 'forms.cn-id-number';
}

function mapError(e: ErrorObject): Mapped | undefined {
  const params = e.params as Record<string, unknown>;
  if (echoKeywords.has(e.keyword)) return undefined;
  if (e.keyword === 'required') {
    const prop = String(params.missingProperty);
    const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
    return { code: 'forms.required', path: e.instancePath + pointer(prop), details: {}, fieldSchema: props?.[prop] };
  }
  if (e.keyword === 'additionalProperties') {
    const prop = String(params.additionalProperty);
    return { code: 'forms.unknown-field', path: e.instancePath + pointer(prop), details: {}, fieldSchema: undefined };
  }
  const base = { path: e.instancePath, fieldSchema: e.parentSchema };
  if (e.keyword === 'format') {
    const format = String(params.format);
    return { ...base, code: formatCode(format, e.data), details: { format, formatZh: formatNames[format] ?? format } };
  }
  if (e.keyword === 'type') {
    const type = String(params.type);
    const [zh, en] = typeNames[type] ?? [type, type];
    return { ...base, code: 'forms.type', details: { type: en, typeZh: zh } };
  }
  const limit = limitKeywords[e.keyword];
  if (limit) return { ...base, code: limit, details: { limit: params.limit } };
  return { ...base, code: simpleKeywords[e.keyword] ?? 'forms.invalid', details: {} };
}

function fill(template: string, details: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in details ? String(details[k]) : m));
}

function override(fieldSchema: unknown, keyword: string): LocalizedText | undefined {
  const errs = (fieldSchema as { 'x-errors'?: Record<string, LocalizedText> } | undefined)?.['x-errors'];
  return errs && typeof errs === 'object' ? errs[keyword] : undefined;
}

/** Converts ajv errors to form errors (deduplicated by path and code, in ajv's order). */
export function toFormErrors(errors: readonly ErrorObject[], rootSchema: unknown, locale: Locale): FormError[] {
  const out: FormError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const m = mapError(e);
    if (!m || seen.has(m.path + ' ' + m.code)) continue;
    seen.add(m.path + ' ' + m.code);
    const label = labelAt(rootSchema, m.path, m.fieldSchema);
    const entry = formsCodes[m.code] ?? formsCodes['forms.invalid']!;
    const custom = override(m.fieldSchema, e.keyword === 'format' ? `format:${String(e.params.format)}` : e.keyword)
      ?? override(m.fieldSchema, e.keyword);
    const message: LocalizedText = {
      'zh-CN': fill(custom?.['zh-CN'] ?? entry['zh-CN'], { ...m.details, field: label['zh-CN'] }),
      en: fill(custom?.en ?? entry.en, { ...m.details, field: label.en }),
    };
    out.push({ code: m.code, severity: 'error', path: m.path, message, details: { ...m.details, field: label }, text: message[locale] });
  }
  return out;
}
