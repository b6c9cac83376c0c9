import { le, looseEq, lt } from './coerce.ts';
import { truthy } from './truthy.ts';
import { binary, unary } from './build.ts';
import type { BuildArgs, Ev, OpSpec } from './types.ts';
import { at } from './types.ts';

function buildIf({ ev }: BuildArgs): Ev {
  if (ev.length === 0) return () => null;
  if (ev.length === 1) return at(ev, 0);
  if (ev.length === 3) {
    const [cond, yes, no] = [at(ev, 0), at(ev, 1), at(ev, 2)];
    return (d, c) => (truthy(cond(d, c)) ? yes(d, c) : no(d, c));
  }
  return (d, c) => {
    let i = 0;
    for (; i < ev.length - 1; i += 2) if (truthy(at(ev, i)(d, c))) return at(ev, i + 1)(d, c);
    return i === ev.length - 1 ? at(ev, i)(d, c) : null;
  };
}

/** `and` (stop at the first falsy) or `or` (stop at the first truthy); returns the deciding value. */
function buildJunction(stopWhen: boolean): OpSpec['build'] {
  return ({ ev }) => {
    if (ev.length === 1) return at(ev, 0);
    if (ev.length === 2) {
      const a = at(ev, 0);
      const b = at(ev, 1);
      return (d, c) => {
        const v = a(d, c);
        return truthy(v) === stopWhen ? v : b(d, c);
      };
    }
    return (d, c) => {
      let v: unknown = null;
      for (const e of ev) if (truthy((v = e(d, c))) === stopWhen) return v;
      return v;
    };
  };
}

/** `<` / `<=` with the optional three-argument "between" form. */
function buildBetween(cmp: (a: unknown, b: unknown) => boolean): OpSpec['build'] {
  return ({ ev }) => {
    const a = at(ev, 0);
    const b = at(ev, 1);
    if (ev.length === 2) return (d, c) => cmp(a(d, c), b(d, c));
    const x = at(ev, 2);
    return (d, c) => {
      const mid = b(d, c);
      return cmp(a(d, c), mid) && cmp(mid, x(d, c));
    };
  };
}

/** Branching, boolean and comparison operators. */
export const logicOps: Record<string, OpSpec> = {
  if: { min: 0, max: Infinity, build: buildIf },
  '?:': { min: 0, max: Infinity, build: buildIf },
  and: { min: 1, max: Infinity, build: buildJunction(false) },
  or: { min: 1, max: Infinity, build: buildJunction(true) },
  '!': { min: 1, max: 1, build: unary((a) => !truthy(a)) },
  '!!': { min: 1, max: 1, build: unary(truthy) },
  '==': { min: 2, max: 2, build: binary(looseEq) },
  '===': { min: 2, max: 2, build: binary((a, b) => a === b) },
  '!=': { min: 2, max: 2, build: binary((a, b) => !looseEq(a, b)) },
  '!==': { min: 2, max: 2, build: binary((a, b) => a !== b) },
  '>': { min: 2, max: 2, build: binary((a, b) => lt(b, a)) },
  '>=': { min: 2, max: 2, build: binary((a, b) => le(b, a)) },
  '<': { min: 2, max: 3, build: buildBetween(lt) },
  '<=': { min: 2, max: 3, build: buildBetween(le) },
};
