/**
 * Type checks of case data written through the API, against the definition's data schema,
 * property by property (only the fields sent), so a write cannot store a wrong type.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Definition } from '@tongban/engine';
import { AppError } from '../http/errors.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
const cache = new Map<string, Map<string, ValidateFunction>>();

function validatorsOf(def: Definition): Map<string, ValidateFunction> {
  const key = `${def.id}@${def.version}`;
  let map = cache.get(key);
  if (!map) {
    map = new Map();
    const props = ((def.data as { properties?: Record<string, object> }).properties) ?? {};
    for (const [name, schema] of Object.entries(props)) map.set(name, ajv.compile({ ...schema, $id: undefined }));
    cache.set(key, map);
  }
  return map;
}

/** Throws case.data-invalid (with JSON paths) when a field is unknown, not allowed, or of the wrong type. */
export function checkCaseData(def: Definition, data: Record<string, unknown>, allowed?: string[]): void {
  const validators = validatorsOf(def);
  const errors: Array<{ path: string; message: string }> = [];
  for (const [k, v] of Object.entries(data)) {
    const fn = validators.get(k);
    if (!fn) errors.push({ path: '/data/' + k, message: 'unknown field' });
    else if (allowed && !allowed.includes(k)) errors.push({ path: '/data/' + k, message: 'field not in this form' });
    else if (!fn(v)) errors.push(...(fn.errors ?? []).map((e) => ({ path: '/data/' + k + e.instancePath, message: e.message ?? e.keyword })));
  }
  if (errors.length) throw new AppError('case.data-invalid', { errors: errors.slice(0, 50) });
}
