import { describe, expect, it } from 'vitest';
import { compileLogic } from './index.ts';

function vars(expr: unknown): string[] {
  const res = compileLogic(expr, '');
  if (!res.ok) throw new Error(JSON.stringify(res.diagnostics));
  return res.logic.vars;
}

describe('vars extraction', () => {
  it('collects literal var paths once, in first-read order', () => {
    expect(
      vars({ and: [{ '==': [{ var: 'data.category' }, 'road'] }, { '>': [{ var: ['data.severity', 0] }, 2] }, { '!=': [{ var: 'data.category' }, 'x'] }] }),
    ).toEqual(['data.category', 'data.severity']);
  });

  it('records numeric paths as strings and skips the whole-data path', () => {
    expect(vars({ cat: [{ var: 1 }, { var: '' }, { var: null }, { var: [] }] })).toEqual(['1']);
  });

  it('includes missing / missing_some literal keys and hasRole', () => {
    expect(vars({ or: [{ missing: ['a', 'b.c'] }, { missing_some: [1, ['d', 'e']] }, { hasRole: 'x' }] })).toEqual(['a', 'b.c', 'd', 'e', 'actor.roles']);
    expect(vars({ missing: [['f', 'g']] })).toEqual(['f', 'g']);
  });

  it('includes default-value and nested paths but not dynamic ones', () => {
    expect(vars({ var: [{ cat: ['case.', { var: 'field' }] }, { var: 'fallback' }] })).toEqual(['field', 'fallback']);
  });

  it('excludes element-relative paths inside map/filter/reduce/all/some/none', () => {
    expect(
      vars({
        and: [
          { some: [{ var: 'case.tasks' }, { '==': [{ var: 'status' }, 'open'] }] },
          { reduce: [{ var: 'case.fees' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, { var: 'case.base' }] },
        ],
      }),
    ).toEqual(['case.tasks', 'case.fees', 'case.base']);
  });

  it('is empty for constant expressions', () => {
    expect(vars({ '==': [1, 1] })).toEqual([]);
  });
});
