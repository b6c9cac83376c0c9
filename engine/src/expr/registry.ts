import { arrayOps } from './ops-array.ts';
import { dataOps } from './ops-data.ts';
import { extraOps } from './ops-extra.ts';
import { logicOps } from './ops-logic.ts';
import { mathOps } from './ops-math.ts';
import { stringOps } from './ops-string.ts';
import type { OpSpec } from './types.ts';

/** Every supported operator, looked up by own key only (a Map: no inherited names). */
export const OPERATORS: ReadonlyMap<string, OpSpec> = new Map(
  Object.entries({ ...dataOps, ...logicOps, ...mathOps, ...stringOps, ...arrayOps, ...extraOps }),
);

/** The supported operator names, for designer condition builders. */
export const logicOperators: readonly string[] = Object.freeze([...OPERATORS.keys()]);

/** Human-readable arity, e.g. "2", "2..3", ">=1". */
export function arityText(spec: OpSpec): string {
  if (spec.max === Infinity) return `>=${spec.min}`;
  return spec.min === spec.max ? String(spec.min) : `${spec.min}..${spec.max}`;
}
