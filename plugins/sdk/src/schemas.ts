/**
 * JSON Schema handling shared by host and harness: one ajv (2020-12, formats, our `x-` keywords),
 * compiled validators, errors as JSON paths, and the walk that finds personal-data values in a value.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { PathProblem } from './errors.ts';
import type { JsonSchema } from './types.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** The annotation keywords a plugin schema may use. */
export const ANNOTATIONS = ['x-title', 'x-help', 'x-pii', 'x-secret', 'x-enumTitles', 'x-order', 'x-widget'] as const;

/** A fresh ajv for plugin schemas: all errors, defaults applied, unknown formats refused. */
export function createPluginAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, useDefaults: true, strict: false, validateFormats: true });
  addFormats(ajv);
  for (const k of ANNOTATIONS) ajv.addKeyword({ keyword: k, schemaType: ['string', 'object', 'array', 'boolean', 'number'] });
  return ajv;
}

/** Turns ajv errors into JSON-path problems (`/to`, `/params/code`). */
export function problemsOf(validate: ValidateFunction): PathProblem[] {
  return (validate.errors ?? []).slice(0, 20).map((e) => {
    const extra = e.keyword === 'required' ? `/${(e.params as { missingProperty: string }).missingProperty}`
      : e.keyword === 'additionalProperties' ? `/${(e.params as { additionalProperty: string }).additionalProperty}` : '';
    return { path: (e.instancePath || '') + extra || '/', message: e.message ?? e.keyword };
  });
}

/** Every value in `value` that `schema` marks `x-pii` (other than `none`), as strings. */
export function personalValues(schema: JsonSchema | undefined, value: unknown, out: string[] = []): string[] {
  if (!schema || value === null || value === undefined) return out;
  const pii = schema['x-pii'];
  if (typeof pii === 'string' && pii !== 'none') {
    collectStrings(value, out);
    return out;
  }
  if (Array.isArray(value)) {
    const items = schema.items as JsonSchema | undefined;
    for (const v of value) personalValues(items, v, out);
  } else if (typeof value === 'object') {
    const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) personalValues(props[k], v, out);
  }
  return out;
}

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string' || typeof value === 'number') { if (String(value).length >= 2) out.push(String(value)); }
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectStrings(v, out);
}

/** Every string value of an object (secrets are redacted by value, wherever they turn up). */
export function stringValues(value: unknown): string[] {
  const out: string[] = [];
  collectStrings(value, out);
  return out.filter((s) => s.length >= 4);
}
