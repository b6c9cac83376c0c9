import { describe, expect, it } from 'vitest';
import { compileLogic } from './index.ts';
import type { CompiledLogic } from './index.ts';

function compiled(expr: unknown): CompiledLogic {
  const res = compileLogic(expr, '/guard');
  if (!res.ok) throw new Error(JSON.stringify(res.diagnostics));
  return res.logic;
}

function codesAndPaths(expr: unknown): Array<[string, string]> {
  const res = compileLogic(expr, '/guard');
  return res.ok ? [] : res.diagnostics.map((d) => [d.code, d.path]);
}

describe('prototype access is refused at compile time', () => {
  it.each([
    [{ var: '__proto__' }, '/guard/var'],
    [{ var: 'constructor' }, '/guard/var'],
    [{ var: 'a.constructor.prototype' }, '/guard/var'],
    [{ var: ['prototype', 1] }, '/guard/var/0'],
    [{ '==': [{ var: 'case.__proto__.x' }, 1] }, '/guard/==/0/var'],
    [{ missing: ['a', '__proto__'] }, '/guard/missing/1'],
    [{ missing: [['ok', 'constructor']] }, '/guard/missing/0/1'],
    [{ missing_some: [1, ['a', 'x.prototype']] }, '/guard/missing_some/1/1'],
  ])('%j → expr.forbidden-path at %s', (expr, path) => {
    expect(codesAndPaths(expr)).toEqual([['expr.forbidden-path', path]]);
  });

  it('names the offending segment', () => {
    const res = compileLogic({ var: 'a.__proto__.b' }, '');
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.diagnostics[0]?.details).toEqual({ path: 'a.__proto__.b', segment: '__proto__' });
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'method'])('operator %s is unknown', (op) => {
    const expr = JSON.parse(`{"${op}": [1]}`) as unknown;
    expect(codesAndPaths(expr)).toEqual([['expr.unknown-operator', '/guard']]);
  });
});

describe('prototype access is impossible at run time', () => {
  it('never reads inherited properties', () => {
    for (const p of ['toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'a.toString', 'list.map', 'list.push']) {
      expect(compiled({ var: p }).evaluate({ a: {}, list: [1] })).toBeNull();
    }
  });

  it('ignores a polluted Object.prototype', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = 'yes';
    try {
      expect(compiled({ var: 'polluted' }).evaluate({})).toBeNull();
      expect(compiled({ missing: ['polluted'] }).evaluate({})).toEqual(['polluted']);
      expect(compiled({ hasRole: 'admin' }).evaluate({ actor: {} })).toBe(false);
    } finally {
      delete proto.polluted;
    }
  });

  it('refuses dynamic forbidden paths (computed with cat)', () => {
    const logic = compiled({ var: [{ cat: ['__pro', 'to__'] }, 'fallback'] });
    expect(logic.evaluate({})).toBe('fallback');
    const ctor = compiled({ var: { cat: ['a.', 'constructor'] } });
    expect(ctor.evaluate({ a: {} })).toBeNull();
  });

  it('treats an own "__proto__" key from JSON.parse as plain data only when not forbidden', () => {
    const data = JSON.parse('{"x": {"__proto__": {"y": 1}}}') as unknown;
    expect(compiled({ var: 'x.y' }).evaluate(data)).toBeNull();
  });

  it('still reads own array and string properties', () => {
    expect(compiled({ var: 'list.length' }).evaluate({ list: [1, 2, 3] })).toBe(3);
    expect(compiled({ var: 's.0' }).evaluate({ s: 'abc' })).toBe('a');
  });

  it('does not call methods of the data', () => {
    let called = 0;
    const evil = {
      toString: () => {
        called++;
        return 'x';
      },
      valueOf: () => {
        called++;
        return 1;
      },
    };
    const data = { o: evil };
    for (const expr of [{ cat: [{ var: 'o' }] }, { '==': [{ var: 'o' }, 'x'] }, { '+': [{ var: 'o' }, 1] }, { '<': [{ var: 'o' }, 2] }, { in: ['x', { var: 'o' }] }]) {
      compiled(expr).evaluate(data);
    }
    expect(called).toBe(0);
    expect(compiled({ cat: [{ var: 'o' }] }).evaluate(data)).toBe('[object Object]');
  });

  it('copes with null-prototype data', () => {
    const data = Object.assign(Object.create(null) as object, { a: Object.assign(Object.create(null) as object, { b: 2 }) });
    expect(compiled({ var: 'a.b' }).evaluate(data)).toBe(2);
    expect(compiled({ cat: [{ var: 'a' }] }).evaluate(data)).toBe('[object Object]');
    expect(compiled({ '==': [{ var: 'a' }, 1] }).evaluate(data)).toBe(false);
  });

  it('never throws: a throwing getter becomes null / expr.runtime-error', () => {
    const data = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const logic = compiled({ var: 'boom' });
    expect(logic.evaluate(data)).toBeNull();
    expect(logic.evaluateSafe(data)).toEqual({ ok: false, code: 'expr.runtime-error' });
  });

  it('does not mutate the data or return shared mutable constants', () => {
    const data = { a: [1, 2], b: [3] };
    const snapshot = JSON.stringify(data);
    compiled({ merge: [{ var: 'a' }, { var: 'b' }] }).evaluate(data);
    compiled({ map: [{ var: 'a' }, { '+': [{ var: '' }, 1] }] }).evaluate(data);
    expect(JSON.stringify(data)).toBe(snapshot);
    const lit = compiled(['x', 'y']).evaluate(null);
    expect(Object.isFrozen(lit)).toBe(true);
  });

  it('does not accept functions or class instances as expressions', () => {
    expect(codesAndPaths({ if: [() => 1, 1, 2] })).toEqual([['expr.bad-shape', '/guard/if/0']]);
    expect(codesAndPaths({ '==': [new Date(0), 1] })).toEqual([['expr.bad-shape', '/guard/==/0']]);
    expect(codesAndPaths(Number.NaN)).toEqual([['expr.bad-shape', '/guard']]);
  });
});

describe('regular expressions run on a linear-time engine (RE2JS)', () => {
  it('accepts separator-delimited repetition, refuses what backtracks or what RE2 cannot run', async () => {
    const { compileLogic } = await import('./index.ts');
    const codes = (p: string) => { const r = compileLogic({ matches: [{ var: 'x' }, p] }, '/g'); return r.ok ? 'ok' : r.diagnostics[0]!.code; };
    expect(codes('^(/\\d{6,15})+$')).toBe('ok');
    expect(codes('^(\\d+)+$')).toBe('expr.unsafe-regex');
    expect(codes('^(?=\\d)\\w+$')).toBe('expr.unsupported-regex');
  });
  it('translates the JS escapes RE2 spells differently, and matches like RegExp.test', async () => {
    const { compilePattern, toRe2Syntax } = await import('./regex.ts');
    expect(toRe2Syntax('^[\\u4e00-\\u9fa5]{2,4}$')).toBe('^[\\x{4e00}-\\x{9fa5}]{2,4}$');
    expect(toRe2Syntax('\\p{Script=Han}')).toBe('\\p{Han}');
    const r = compilePattern('^[\\u4e00-\\u9fa5]{2,4}$', '');
    expect(r.ok && [r.re.test('张三丰'), r.re.test('张'), r.re.test('abc')]).toEqual([true, false, false]);
    // the classic catastrophic input for (a+)+ against a backtracking engine is linear here
    const slow = compilePattern('^(a|aa)*b', '');
    expect(slow.ok && slow.re.test('a'.repeat(5000) + 'c')).toBe(false);
  });
});
