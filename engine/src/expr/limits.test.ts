import { describe, expect, it } from 'vitest';
import { compileLogic } from './index.ts';
import type { CompiledLogic, LogicLimits } from './index.ts';

function compiled(expr: unknown, limits?: LogicLimits): CompiledLogic {
  const res = compileLogic(expr, '/guard', limits);
  if (!res.ok) throw new Error(JSON.stringify(res.diagnostics));
  return res.logic;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const COST = { ok: false, code: 'expr.cost-exceeded' };

describe('evaluation cost limits', () => {
  it.each(['map', 'filter', 'all', 'some', 'none'])('%s over 10,000 elements runs, over 10,001 stops', (op) => {
    const logic = compiled({ [op]: [{ var: 'xs' }, { '>=': [{ var: '' }, 0] }] });
    expect(logic.evaluateSafe({ xs: range(10_000) }).ok).toBe(true);
    expect(logic.evaluateSafe({ xs: range(10_001) })).toEqual(COST);
    expect(logic.evaluate({ xs: range(10_001) })).toBeNull();
  });

  it('reduce over 10,001 elements stops', () => {
    const logic = compiled({ reduce: [{ var: 'xs' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] });
    expect(logic.evaluate({ xs: range(10_000) })).toBe(49_995_000);
    expect(logic.evaluateSafe({ xs: range(10_001) })).toEqual(COST);
  });

  it('nested iteration is bounded by the step budget (default 100,000)', () => {
    const inner = { map: [{ var: 'ys' }, { var: '' }] };
    const logic = compiled({ map: [{ var: 'xs' }, { count: inner }] });
    const square = (n: number): unknown => ({ xs: range(n).map(() => ({ ys: range(n) })) });
    expect(logic.evaluateSafe(square(100))).toEqual({ ok: true, value: range(100).map(() => 100) });
    expect(logic.evaluateSafe(square(300))).toEqual(COST);
  });

  it('the budget is per call and configurable (4 nodes per element here)', () => {
    const logic = compiled({ map: [{ var: 'xs' }, { '+': [{ var: '' }, 1] }] }, { maxSteps: 40 });
    expect(logic.evaluateSafe({ xs: range(10) })).toEqual({ ok: true, value: range(10).map((x) => x + 1) });
    expect(logic.evaluateSafe({ xs: range(11) })).toEqual(COST);
    expect(logic.evaluateSafe({ xs: range(10) }).ok).toBe(true);
  });

  it('exponential growth through reduce + merge / cat is stopped', () => {
    const xs = range(60);
    const merge = compiled({ reduce: [{ var: 'xs' }, { merge: [{ var: 'accumulator' }, { var: 'accumulator' }] }, [1]] });
    expect(merge.evaluateSafe({ xs })).toEqual(COST);
    const cat = compiled({ reduce: [{ var: 'xs' }, { cat: [{ var: 'accumulator' }, { var: 'accumulator' }] }, 'ab'] });
    expect(cat.evaluateSafe({ xs })).toEqual(COST);
  });

  it('matches refuses very long inputs', () => {
    const logic = compiled({ matches: [{ var: 's' }, '^a+$'] });
    expect(logic.evaluate({ s: 'a'.repeat(100_000) })).toBe(true);
    expect(logic.evaluateSafe({ s: 'a'.repeat(100_001) })).toEqual(COST);
  });

  it('ignores nonsense limits', () => {
    expect(compileLogic({ '!': true }, '', { maxDepth: -1, maxNodes: Number.NaN }).ok).toBe(true);
  });
});
