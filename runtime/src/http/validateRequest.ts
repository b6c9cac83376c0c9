/** Request validation against each operation's schemas (ajv, 2020-12); unknown fields are rejected. */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { InvalidRequestError } from '../errors/DomainError.ts';
import type { Operation, Schema } from './operation.ts';


const bodyAjv = new Ajv2020({ allErrors: true, strict: false });
const stringAjv = new Ajv2020({ allErrors: true, strict: false, coerceTypes: true, useDefaults: true });
for (const ajv of [bodyAjv, stringAjv]) {
  for (const name of ['date', 'date-time', 'email', 'uuid'] as const) ajv.addFormat(name, fullFormats[name] as never);
}

/** Validators for one operation's path params, query and body. */
export interface RequestValidators {
  params: ValidateFunction;
  query: ValidateFunction;
  body?: ValidateFunction;
}

function objectOf(props: Record<string, Schema> | undefined, requiredAll: boolean): Schema {
  const properties = Object.fromEntries(Object.entries(props ?? {}).filter(([, v]) => v !== undefined));
  const required = requiredAll ? Object.keys(properties) : Object.entries(properties).filter(([, s]) => (s as { required?: boolean }).required).map(([k]) => k);
  const clean = Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, { ...s, required: undefined }]));
  return { type: 'object', additionalProperties: false, properties: clean, required };
}

/** Compiles the validators of an operation once, at start. */
export function compileValidators(op: Operation): RequestValidators {
  return {
    params: stringAjv.compile(objectOf(op.params, true)),
    query: stringAjv.compile(objectOf(op.query, false)),
    body: op.body ? bodyAjv.compile(op.body) : undefined,
  };
}

function check(fn: ValidateFunction, value: unknown, where: string): void {
  if (fn(value)) return;
  const errors = (fn.errors ?? []).slice(0, 20).map((e) => ({
    path: where + e.instancePath, keyword: e.keyword, message: e.message, params: e.params,
  }));
  throw new InvalidRequestError('request.invalid', { errors });
}

/** Validates (and, for strings, coerces) a request in place; throws request.invalid with JSON paths. */
export function validateRequest(v: RequestValidators, req: { params: unknown; query: unknown; body: unknown }): void {
  check(v.params, req.params, '/params');
  check(v.query, req.query, '/query');
  if (v.body) check(v.body, req.body, '/body');
}
