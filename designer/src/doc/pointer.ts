/**
 * JSON Pointers (RFC 6901) over plain JSON, read and written immutably: a write copies only the
 * objects on the path, so an undo entry keeps the old document by reference (structural sharing).
 */

/** Splits a pointer into unescaped segments (`/states/a~1b` → ['states', 'a/b']). */
export function parsePointer(ptr: string): string[] {
  if (ptr === '') return [];
  if (!ptr.startsWith('/')) throw new Error(`not a JSON Pointer: ${ptr}`);
  return ptr.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Joins segments into a pointer. */
export function toPointer(...segments: Array<string | number>): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

const own = (o: unknown, k: string): boolean => o !== null && typeof o === 'object' && Object.hasOwn(o, k);

/** The value at `ptr`, or undefined. Never follows inherited properties (`__proto__`, `constructor`). */
export function getAt(doc: unknown, ptr: string): unknown {
  let cur: unknown = doc;
  for (const seg of parsePointer(ptr)) {
    if (!own(cur, seg)) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/**
 * A copy of `doc` with `value` at `ptr` (missing objects on the way are created); `undefined`
 * removes the key (or the array item). Keys keep their order, so a diff of the JSON stays small.
 */
export function setAt<T>(doc: T, ptr: string, value: unknown): T {
  const segs = parsePointer(ptr);
  if (segs.length === 0) return value as T;
  const write = (node: unknown, i: number): unknown => {
    const seg = segs[i]!;
    const last = i === segs.length - 1;
    if (Array.isArray(node)) {
      const idx = seg === '-' ? node.length : Number(seg);
      if (!Number.isInteger(idx) || idx < 0) throw new Error(`bad array index ${seg} in ${ptr}`);
      const copy = node.slice();
      if (last) {
        if (value === undefined) copy.splice(idx, 1);
        else copy[idx] = value;
      } else copy[idx] = write(copy[idx], i + 1);
      return copy;
    }
    const obj = node !== null && typeof node === 'object' ? (node as Record<string, unknown>) : {};
    if (last) {
      if (value === undefined) {
        if (!own(obj, seg)) return obj;
        const { [seg]: _gone, ...rest } = obj;
        return rest;
      }
      return { ...obj, [seg]: value };
    }
    return { ...obj, [seg]: write(own(obj, seg) ? obj[seg] : undefined, i + 1) };
  };
  return write(doc, 0) as T;
}
