import type { Diagnostic } from '../diagnostics/Diagnostic.ts';

/** Per-call evaluation state: the step budget left and the root data (for `hasRole`). */
export interface Ctx {
  steps: number;
  root: unknown;
}

/** A compiled node: evaluates against the current scope's data. */
export type Ev = (data: unknown, ctx: Ctx) => unknown;

/** Thrown internally when a cost limit is hit; caught by `evaluate`/`evaluateSafe`. */
export const COST_EXCEEDED: Readonly<{ cost: true }> = Object.freeze({ cost: true });

/** Raises the internal cost-limit signal. */
export function costExceeded(): never {
  throw COST_EXCEEDED;
}

/** Limits applied at compile and evaluation time. */
export interface LogicLimits {
  /** Longest root-to-leaf chain of nodes (default 32). */
  maxDepth?: number;
  /** Total nodes in the expression (default 2000). */
  maxNodes?: number;
  /** Node evaluations per call, charged per iteration element (default 100,000). */
  maxSteps?: number;
  /** Longest array `map`/`filter`/`reduce`/`all`/`some`/`none` iterate over (default 10,000). */
  maxArrayLength?: number;
  /** Longest array or string `merge`/`cat` may build, and longest `matches` input (default 100,000). */
  maxValueSize?: number;
}

/** What compilation state an operator builder may use. */
export interface CompileState {
  readonly limits: Required<LogicLimits>;
  readonly diagnostics: Diagnostic[];
  /** > 0 while compiling the per-element logic of an iteration operator. */
  scope: number;
  /** Records a root data path the expression reads (ignored inside iteration scopes unless `always`). */
  addVar(path: string, always?: boolean): void;
}

/** Everything an operator builder receives. */
export interface BuildArgs {
  ev: Ev[];
  raw: unknown[];
  sizes: number[];
  path: string;
  argPath(i: number): string;
  st: CompileState;
}

/** An operator: static arity bounds, per-element (scoped) argument indexes and its builder. */
export interface OpSpec {
  min: number;
  max: number;
  scoped?: readonly number[];
  build(a: BuildArgs): Ev | undefined;
}

const undef: Ev = () => undefined;

/** The i-th compiled argument, or an evaluator of `undefined` when absent. */
export function at(ev: readonly Ev[], i: number): Ev {
  return ev[i] ?? undef;
}
