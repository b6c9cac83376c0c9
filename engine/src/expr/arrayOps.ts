import { unary } from './build.ts';
import { truthy } from './truthy.ts';
import type { BuildArgs, Ctx, Ev, OpSpec } from './types.ts';
import { at, costExceeded } from './types.ts';

/** Charges the step budget for running a per-element logic of `size` nodes over `xs`. */
function charge(c: Ctx, xs: readonly unknown[], size: number, maxLen: number): void {
  if (xs.length > maxLen) costExceeded();
  c.steps -= xs.length * size;
  if (c.steps < 0) costExceeded();
}

/** Shared setup: the source array evaluator, the per-element logic and its cost. */
function parts(a: BuildArgs): { src: Ev; fn: Ev; size: number; maxLen: number } {
  return { src: at(a.ev, 0), fn: at(a.ev, 1), size: Math.max(1, a.sizes[1] ?? 1), maxLen: a.st.limits.maxArrayLength };
}

function buildMap(a: BuildArgs): Ev {
  const { src, fn, size, maxLen } = parts(a);
  return (d, c) => {
    const xs = src(d, c);
    if (!Array.isArray(xs)) return [];
    charge(c, xs, size, maxLen);
    const out = new Array<unknown>(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = fn(xs[i], c);
    return out;
  };
}

function buildFilter(a: BuildArgs): Ev {
  const { src, fn, size, maxLen } = parts(a);
  return (d, c) => {
    const xs = src(d, c);
    if (!Array.isArray(xs)) return [];
    charge(c, xs, size, maxLen);
    const out: unknown[] = [];
    for (const x of xs) if (truthy(fn(x, c))) out.push(x);
    return out;
  };
}

function buildReduce(a: BuildArgs): Ev {
  const { src, fn, size, maxLen } = parts(a);
  const init: Ev = a.ev.length > 2 ? at(a.ev, 2) : () => null;
  return (d, c) => {
    const xs = src(d, c);
    let acc = init(d, c);
    if (!Array.isArray(xs)) return acc;
    charge(c, xs, size, maxLen);
    for (const current of xs) acc = fn({ current, accumulator: acc }, c);
    return acc;
  };
}

/**
 * `all` / `some` / `none`: whether any element's logic is truthy, mapped to the result.
 * `all` of an empty (or non-) array is false, as in JSONLogic.
 */
function buildQuantifier(kind: 'all' | 'some' | 'none'): OpSpec['build'] {
  return (a) => {
    const { src, fn, size, maxLen } = parts(a);
    const want = kind !== 'all';
    return (d, c) => {
      const xs = src(d, c);
      if (!Array.isArray(xs) || xs.length === 0) return kind === 'none';
      charge(c, xs, size, maxLen);
      for (const x of xs) if (truthy(fn(x, c)) === want) return kind === 'some';
      return kind !== 'some';
    };
  };
}

/** Iteration operators (their second argument runs once per element) and `count`. */
export const arrayOps: Record<string, OpSpec> = {
  map: { min: 2, max: 2, scoped: [1], build: buildMap },
  filter: { min: 2, max: 2, scoped: [1], build: buildFilter },
  reduce: { min: 2, max: 3, scoped: [1], build: buildReduce },
  all: { min: 2, max: 2, scoped: [1], build: buildQuantifier('all') },
  some: { min: 2, max: 2, scoped: [1], build: buildQuantifier('some') },
  none: { min: 2, max: 2, scoped: [1], build: buildQuantifier('none') },
  count: { min: 1, max: 1, build: unary((v) => (Array.isArray(v) ? v.length : 0)) },
};
