import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileLogic, logicOperators } from './index.ts';

/** Arbitrary expressions built from the real operator list (mostly well-formed). */
const logicArb: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.integer(), fc.string({ maxLength: 4 }), fc.boolean(), fc.constant(null), fc.constantFrom('a', 'a.b', 'xs', '', '0')),
    fc.record({ var: fc.constantFrom('a', 'a.b', 'xs', 'xs.0', '', 'n') }),
    fc.array(tie('node'), { maxLength: 3 }),
    fc
      .tuple(fc.constantFrom(...logicOperators), fc.array(tie('node'), { maxLength: 4 }))
      .map(([op, args]) => ({ [op]: args })),
  ),
})).node;

const dataArb = fc.record({
  a: fc.jsonValue({ maxDepth: 2 }),
  xs: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 5 }),
  // case data is JSON: no NaN or Infinity can arrive (a var reading NaN would be the data's, not an operator's)
  n: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
  actor: fc.record({ roles: fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }) }),
});

describe('properties', () => {
  it('compileLogic never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const res = compileLogic(v, '/g');
        if (!res.ok) {
          expect(res.diagnostics.length).toBeGreaterThan(0);
          for (const d of res.diagnostics) expect(d.path.startsWith('/g')).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('compiled expressions never throw when evaluated on arbitrary data', () => {
    fc.assert(
      fc.property(logicArb, fc.oneof(dataArb, fc.jsonValue()), (expr, data) => {
        const res = compileLogic(expr, '');
        if (!res.ok) return;
        const safe = res.logic.evaluateSafe(data);
        expect(safe.ok || safe.code === 'expr.cost-exceeded').toBe(true);
        const v = res.logic.evaluate(data);
        if (safe.ok) expect(v).toEqual(safe.value);
        expect(Number.isNaN(v)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('evaluation is deterministic', () => {
    fc.assert(
      fc.property(logicArb, dataArb, (expr, data) => {
        const res = compileLogic(expr, '');
        if (res.ok) expect(res.logic.evaluate(data)).toEqual(res.logic.evaluate(data));
      }),
      { numRuns: 500 },
    );
  });
});
