import { arrayOps } from './arrayOps.ts';
import { dataOps } from './dataOps.ts';
import { extraOps } from './extraOps.ts';
import { logicOps } from './logicOps.ts';
import { mathOps } from './mathOps.ts';
import { stringOps } from './stringOps.ts';
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
