import { describe, expect, it } from 'vitest';
import { getAt, setAt, toPointer } from './pointer.ts';

describe('pointer', () => {
  it('writes immutably and shares untouched branches', () => {
    const doc = { a: { b: 1 }, c: { d: 2 } };
    const next = setAt(doc, '/a/b', 3);
    expect(next).toEqual({ a: { b: 3 }, c: { d: 2 } });
    expect(next.c).toBe(doc.c);
    expect(doc.a.b).toBe(1);
  });
  it('escapes ~ and / and never reads inherited keys', () => {
    expect(toPointer('a/b', 'c~d')).toBe('/a~1b/c~0d');
    expect(getAt({ 'a/b': { 'c~d': 1 } }, '/a~1b/c~0d')).toBe(1);
    expect(getAt({}, '/constructor')).toBeUndefined();
    expect(getAt({}, '/__proto__')).toBeUndefined();
  });
  it('removes keys and array items with undefined', () => {
    expect(setAt({ a: 1, b: 2 }, '/a', undefined)).toEqual({ b: 2 });
    expect(setAt({ l: [1, 2, 3] }, '/l/1', undefined)).toEqual({ l: [1, 3] });
  });
});
