/**
 * A definition maps an operation's input with JSONLogic, and `{"var": "data.fhirTaskId"}` of a field
 * the case has not filled yields null. For an optional property whose schema does not take null,
 * that null means "not given": it is left out before the input is checked, instead of failing the
 * call as invalid (every up-referral's create-task was dead-lettered this way: `taskId: null`).
 * A required property keeps its null and is refused, and a schema that allows null keeps it.
 */
type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema };

const takesNull = (s: Schema | undefined) => !s || s.type === undefined || s.type === 'null' || (Array.isArray(s.type) && s.type.includes('null'));

/** Removes, in place, null values of optional properties that do not take null (nested objects and arrays too); returns `value`. */
export function dropAbsentNulls<T>(schema: Schema | undefined, value: T): T {
  if (!schema || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (const item of value) dropAbsentNulls(schema.items, item);
    return value;
  }
  const obj = value as Record<string, unknown>;
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    if (!(key in obj)) continue;
    if (obj[key] === null && !schema.required?.includes(key) && !takesNull(sub)) delete obj[key];
    else dropAbsentNulls(sub, obj[key]);
  }
  return value;
}
