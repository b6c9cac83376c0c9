/**
 * fast-check arbitraries derived from a JSON Schema fragment (the subset our operations declare:
 * type, enum, pattern, min/max length and value, items, properties/required, maxProperties), so
 * the fuzz test sends schema-valid requests that get past validation and reach the handlers.
 * `hints` give realistic values for named properties (a real definition id, a user id), mixed in.
 */
import fc from 'fast-check';
import type { Schema } from '../http/operation.ts';

/** Realistic values by property name, used alongside the schema-derived ones. */
export type Hints = Record<string, unknown[]>;

type S = Schema & { type?: string; enum?: unknown[]; pattern?: string; minLength?: number; maxLength?: number; minimum?: number; maximum?: number;
  items?: Schema; minItems?: number; maxItems?: number; uniqueItems?: boolean; properties?: Record<string, Schema>; required?: string[]; additionalProperties?: boolean };

function stringArb(s: S): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 40, 40);
  if (!s.pattern) return fc.string({ minLength: min, maxLength: Math.max(min, max) });
  return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length >= min && x.length <= (s.maxLength ?? Infinity));
}

function arrayArb(s: S, hints: Hints): fc.Arbitrary<unknown[]> {
  const item = schemaArbitrary(s.items ?? {}, hints);
  const opts = { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 3, Math.max(s.minItems ?? 0, 3)) };
  return s.uniqueItems ? fc.uniqueArray(item, { ...opts, selector: (v) => JSON.stringify(v) }) : fc.array(item, opts);
}

function objectArb(s: S, hints: Hints): fc.Arbitrary<unknown> {
  if (!s.properties) return fc.dictionary(fc.stringMatching(/^[a-z][a-zA-Z]{0,9}$/), fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean()), { maxKeys: Math.min(s.maxProperties as number ?? 3, 3) });
  const props = Object.fromEntries(Object.entries(s.properties).filter(([, v]) => v).map(([k, v]) => [k, withHint(k, schemaArbitrary(v, hints), hints)]));
  return fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
}

function withHint(name: string, arb: fc.Arbitrary<unknown>, hints: Hints): fc.Arbitrary<unknown> {
  const h = hints[name];
  return h?.length ? fc.oneof({ arbitrary: fc.constantFrom(...h), weight: 2 }, { arbitrary: arb, weight: 1 }) : arb;
}

/** An arbitrary producing values valid against `schema`. */
export function schemaArbitrary(schema: Schema, hints: Hints = {}): fc.Arbitrary<unknown> {
  const s = schema as S;
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'string': return stringArb(s);
    case 'integer': return fc.integer({ min: s.minimum ?? -1000, max: Math.min(s.maximum ?? 1_000_000, 2_147_483_647) });
    case 'number': return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true });
    case 'boolean': return fc.boolean();
    case 'array': return arrayArb(s, hints);
    case 'object': return objectArb(s, hints);
    default: return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Query parameters valid against each declared schema (optional ones sometimes left out), as strings. */
export function queryArbitrary(params: Array<{ name: string; schema: Schema; required?: boolean }>, hints: Hints = {}): fc.Arbitrary<Record<string, string>> {
  const props = Object.fromEntries(params.map((p) => [p.name, withHint(p.name, schemaArbitrary(p.schema, hints), hints).map((v) => String(v))]));
  return fc.record(props, { requiredKeys: params.filter((p) => p.required).map((p) => p.name) }) as fc.Arbitrary<Record<string, string>>;
}
