/**
 * Paths into case data, in the notation the definition's field matrix uses for nested fields:
 * dotted names with `[]` for every item of an array, e.g. `parties[].idNumber`,
 * `household.members[].phone`; a top-level field is its plain name.
 */

/** One step of a path: a property name, and whether the property holds an array to walk item by item. */
interface Step { key: string; each: boolean }

const STEP = /^([A-Za-z_$][\w$-]*)(\[\])?$/;

/** The steps of a path; undefined for a malformed one. */
export function parsePath(path: string): Step[] | undefined {
  const steps: Step[] = [];
  for (const part of path.split('.')) {
    const m = STEP.exec(part);
    if (!m) return undefined;
    steps.push({ key: m[1]!, each: !!m[2] });
  }
  return steps;
}

/** True when a string is a well-formed data path. */
export const isDataPath = (path: string): boolean => parsePath(path) !== undefined;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Calls `fn` for every value at `path` in `data` (objects and arrays are walked in place), with a
 * `set` that replaces the value and a `drop` that removes it (the property, or the array item).
 */
export function visitPath(data: unknown, path: string, fn: (value: unknown, set: (v: unknown) => void, drop: () => void) => void): void {
  const steps = parsePath(path);
  if (!steps) return;
  const walk = (node: unknown, i: number): void => {
    if (!isObj(node)) return;
    const { key, each } = steps[i]!;
    if (!Object.prototype.hasOwnProperty.call(node, key)) return;
    const last = i === steps.length - 1;
    const value = node[key];
    if (each) {
      if (!Array.isArray(value)) return;
      if (!last) { for (const item of value) walk(item, i + 1); return; }
      const dropped: number[] = [];
      value.forEach((item, j) => fn(item, (v) => { value[j] = v; }, () => { dropped.push(j); }));
      for (const j of dropped.reverse()) value.splice(j, 1);
      return;
    }
    if (last) fn(value, (v) => { node[key] = v; }, () => { delete node[key]; });
    else walk(value, i + 1);
  };
  walk(data, 0);
}

/** Every value at `path`, in document order. */
export function valuesAt(data: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  visitPath(data, path, (v) => { out.push(v); });
  return out;
}

/** The paths from the most specific to the whole: `a[].b.c` → `a[].b.c`, `a[].b`, `a[]`, `a`. */
export function ancestorsOf(path: string): string[] {
  const out = [path];
  let p = path;
  for (;;) {
    if (p.endsWith('[]')) p = p.slice(0, -2);
    else {
      const dot = p.lastIndexOf('.');
      if (dot < 0) break;
      p = p.slice(0, dot);
    }
    out.push(p);
  }
  return out;
}

/** A deep copy of JSON data. */
export function cloneData<T>(data: T): T {
  return data === undefined ? data : (JSON.parse(JSON.stringify(data)) as T);
}
