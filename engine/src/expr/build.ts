import type { OpSpec } from './types.ts';
import { at } from './types.ts';

type Build = OpSpec['build'];

/** Builds a one-argument operator from a pure function. */
export function unary(f: (a: unknown) => unknown): Build {
  return ({ ev }) => {
    const a = at(ev, 0);
    return (d, c) => f(a(d, c));
  };
}

/** Builds a two-argument operator from a pure function. */
export function binary(f: (a: unknown, b: unknown) => unknown): Build {
  return ({ ev }) => {
    const a = at(ev, 0);
    const b = at(ev, 1);
    return (d, c) => f(a(d, c), b(d, c));
  };
}

/** Builds a variadic operator from a function of all evaluated arguments. */
export function variadic(f: (xs: unknown[]) => unknown): Build {
  return ({ ev }) => (d, c) => {
    const xs = new Array<unknown>(ev.length);
    for (let i = 0; i < ev.length; i++) xs[i] = at(ev, i)(d, c);
    return f(xs);
  };
}
