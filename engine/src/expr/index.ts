/** Safe JSONLogic: compile guards once to closures, evaluate many times. */
export { compileLogic } from './compile.ts';
export type { CompiledLogic, EvaluateFailure } from './compiled.ts';
export { logicOperators } from './registry.ts';
export { truthy } from './truthy.ts';
export type { LogicLimits } from './types.ts';
export { DEFAULT_LIMITS } from './state.ts';
export { dateOf, daysBetween } from './extraOps.ts';
export { CST_OFFSET_MS, cstParts, parseIso, toEpochMs } from './dates.ts';
export type { CivilDateTime } from './dates.ts';
