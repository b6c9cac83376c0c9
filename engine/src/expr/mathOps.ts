import { binary, variadic } from './build.ts';
import { fin, toFloat, toNum } from './coerce.ts';
import type { OpSpec } from './types.ts';
import { at } from './types.ts';

function sum(xs: unknown[]): number | null {
  let s = 0;
  for (const x of xs) s += toFloat(x);
  return fin(s);
}

function product(xs: unknown[]): number | null {
  let p = 1;
  for (const x of xs) p *= toFloat(x);
  return fin(p);
}

function extreme(pick: (...n: number[]) => number): (xs: unknown[]) => number | null {
  return (xs) => (xs.length === 0 ? null : fin(pick(...xs.map(toNum))));
}

const minus: OpSpec['build'] = (a) => {
  if (a.ev.length === 1) {
    const x = at(a.ev, 0);
    return (d, c) => fin(-toNum(x(d, c)));
  }
  return binary((x, y) => fin(toNum(x) - toNum(y)))(a);
};

/** Arithmetic operators; NaN and infinite results become null. */
export const mathOps: Record<string, OpSpec> = {
  '+': { min: 0, max: Infinity, build: variadic(sum) },
  '*': { min: 1, max: Infinity, build: variadic(product) },
  '-': { min: 1, max: 2, build: minus },
  '/': { min: 2, max: 2, build: binary((x, y) => fin(toNum(x) / toNum(y))) },
  '%': { min: 2, max: 2, build: binary((x, y) => fin(toNum(x) % toNum(y))) },
  max: { min: 1, max: Infinity, build: variadic(extreme(Math.max)) },
  min: { min: 1, max: Infinity, build: variadic(extreme(Math.min)) },
};
