import { describe, expect, it } from 'vitest';
import { compileLogic } from './index.ts';
import type { LogicLimits } from './index.ts';

function diags(expr: unknown, limits?: LogicLimits): Array<{ code: string; path: string; details?: Record<string, unknown> }> {
  const res = compileLogic(expr, '/items/0/guard', limits);
  return res.ok ? [] : res.diagnostics.map(({ code, path, details }) => (details ? { code, path, details } : { code, path }));
}

function nestedNot(levels: number): unknown {
  let e: unknown = true;
  for (let i = 0; i < levels; i++) e = { '!': e };
  return e;
}

describe('compile diagnostics', () => {
  it('unknown operator, with a bilingual message', () => {
    const res = compileLogic({ and: [true, { foo: 1 }] }, '/guard');
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.diagnostics).toEqual([
      {
        code: 'expr.unknown-operator',
        severity: 'error',
        path: '/guard/and/1',
        message: { 'zh-CN': '未知的条件运算符“foo”', en: 'Unknown condition operator "foo"' },
        details: { op: 'foo' },
      },
    ]);
  });

  it.each([
    [{ '==': [1] }, { op: '==', count: 1, expected: '2' }],
    [{ '==': [1, 2, 3] }, { op: '==', count: 3, expected: '2' }],
    [{ '!': [] }, { op: '!', count: 0, expected: '1' }],
    [{ '<': [1, 2, 3, 4] }, { op: '<', count: 4, expected: '2..3' }],
    [{ and: [] }, { op: 'and', count: 0, expected: '>=1' }],
    [{ map: [[1]] }, { op: 'map', count: 1, expected: '2' }],
    [{ missing_some: [1] }, { op: 'missing_some', count: 1, expected: '2' }],
    [{ var: ['a', 1, 2] }, { op: 'var', count: 3, expected: '0..2' }],
    [{ daysBetween: ['2026-01-01'] }, { op: 'daysBetween', count: 1, expected: '2' }],
  ])('bad arity: %j', (expr, details) => {
    expect(diags(expr)).toEqual([{ code: 'expr.bad-arity', path: '/items/0/guard', details }]);
  });

  it('bad shape: several keys, no keys', () => {
    expect(diags({ if: [{ '==': [1, 1], '!=': [1, 2] }, 1, 2] })).toEqual([
      { code: 'expr.bad-shape', path: '/items/0/guard/if/0', details: { reason: 'keys', keys: 2 } },
    ]);
    expect(diags({})).toEqual([{ code: 'expr.bad-shape', path: '/items/0/guard', details: { reason: 'keys', keys: 0 } }]);
  });

  it('collects every diagnostic, not only the first', () => {
    expect(diags({ or: [{ nope: 1 }, { '==': [1] }, { var: '__proto__' }] }).map((d) => [d.code, d.path])).toEqual([
      ['expr.unknown-operator', '/items/0/guard/or/0'],
      ['expr.bad-arity', '/items/0/guard/or/1'],
      ['expr.forbidden-path', '/items/0/guard/or/2/var'],
    ]);
  });

  it('escapes JSON Pointer segments of the base path untouched and appends indexes', () => {
    const res = compileLogic(['ok', { bad: 1 }], '/a~1b');
    expect(res.ok ? [] : res.diagnostics.map((d) => d.path)).toEqual(['/a~1b/1']);
  });

  it('too deep: default 32 levels (root-to-leaf nodes)', () => {
    expect(compileLogic(nestedNot(31), '').ok).toBe(true);
    const d = diags(nestedNot(32));
    expect(d).toEqual([{ code: 'expr.too-deep', path: '/items/0/guard' + '/!'.repeat(32), details: { maxDepth: 32 } }]);
  });

  it('too deep: custom limit, reported once', () => {
    expect(diags({ and: [nestedNot(3), nestedNot(3)] }, { maxDepth: 3 })).toEqual([
      { code: 'expr.too-deep', path: '/items/0/guard/and/0/!/!', details: { maxDepth: 3 } },
    ]);
  });

  it('a very deep (10,000 levels) expression is refused without stack overflow', () => {
    expect(diags(nestedNot(10_000))[0]?.code).toBe('expr.too-deep');
  });

  it('too large: default 2000 nodes (operator, literal, array and 1997 elements = 2000)', () => {
    expect(compileLogic({ in: [1, new Array(1997).fill(0)] }, '').ok).toBe(true);
    expect(diags({ in: [1, new Array(1998).fill(0)] })).toEqual([
      { code: 'expr.too-large', path: '/items/0/guard/in/1/1997', details: { maxNodes: 2000 } },
    ]);
  });

  it('too large: custom limit', () => {
    expect(diags({ '+': [1, 2, 3, 4, 5] }, { maxNodes: 4 }).map((d) => [d.code, d.path])).toEqual([['expr.too-large', '/items/0/guard/+/3']]);
  });

  it('bad regex: syntax, length, literal, flags', () => {
    const v = { var: 'x' };
    expect(diags({ matches: [v, '(unclosed'] })[0]).toMatchObject({ code: 'expr.bad-regex', path: '/items/0/guard/matches/1', details: { reason: 'syntax' } });
    expect(diags({ matches: [v, 'a'.repeat(201)] })[0]).toMatchObject({ code: 'expr.bad-regex', details: { reason: 'too-long' } });
    expect(compileLogic({ matches: [v, 'a'.repeat(200)] }, '').ok).toBe(true);
    expect(diags({ matches: [v, { var: 'p' }] })[0]).toMatchObject({ code: 'expr.bad-regex', path: '/items/0/guard/matches/1', details: { reason: 'not-literal' } });
    expect(diags({ matches: [v, 'a', 'g'] })[0]).toMatchObject({ code: 'expr.bad-regex', path: '/items/0/guard/matches/2', details: { reason: 'bad-flags' } });
    expect(diags({ matches: [v, 'a', 'ii'] })[0]).toMatchObject({ details: { reason: 'bad-flags' } });
    expect(diags({ matches: [v, 'a', { var: 'f' }] })[0]).toMatchObject({ path: '/items/0/guard/matches/2', details: { reason: 'bad-flags' } });
  });

  it.each(['(a+)+', '(a*)*', '^(a+)+$', '(x|y?)+', '([a-z]+){2,}', '(\\d+)*$', '((ab)*)+', '(?:a{1,3})+', '(?<w>\\w+)*', '(a)\\1', '(?<n>a)\\k<n>'])(
    'unsafe regex %s → expr.unsafe-regex',
    (pattern) => {
      expect(diags({ matches: [{ var: 'x' }, pattern] }).map((d) => [d.code, d.path])).toEqual([['expr.unsafe-regex', '/items/0/guard/matches/1']]);
    },
  );

  it.each(['^1[3-9]\\d{9}$', '^\\d{17}[\\dXx]$', '(ab)+', '^[\\u4e00-\\u9fa5]{2,4}$', '^(?:\\+86)?1\\d{10}$', '[(a+)+]', '(\\d{3})+', '\\(a+\\)+', '^(a|b)*$'])(
    'safe regex %s compiles',
    (pattern) => {
      expect(compileLogic({ matches: [{ var: 'x' }, pattern] }, '').ok).toBe(true);
    },
  );

  it('path of a scalar operand has no index', () => {
    expect(diags({ '!': { nope: [] } }).map((d) => d.path)).toEqual(['/items/0/guard/!']);
  });
});
