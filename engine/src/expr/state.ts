import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import type { CompileState, Ev, LogicLimits } from './types.ts';

/** Default limits (see `LogicLimits`). */
export const DEFAULT_LIMITS: Readonly<Required<LogicLimits>> = Object.freeze({
  maxDepth: 32,
  maxNodes: 2000,
  maxSteps: 100_000,
  maxArrayLength: 10_000,
  maxValueSize: 100_000,
});

/** Mutable state of one `compileLogic` call. */
export class State implements CompileState {
  readonly limits: Required<LogicLimits>;
  readonly diagnostics: Diagnostic[] = [];
  scope = 0;
  nodes = 0;
  aborted = false;
  deepReported = false;
  readonly vars = new Set<string>();
  /** Compiled constants (literals and all-literal arrays), for folding. */
  readonly consts = new Map<Ev, unknown>();

  constructor(limits: LogicLimits | undefined) {
    this.limits = { ...DEFAULT_LIMITS };
    for (const k of Object.keys(DEFAULT_LIMITS) as Array<keyof LogicLimits>) {
      const v = limits?.[k];
      if (typeof v === 'number' && v >= 0) this.limits[k] = v;
    }
  }

  addVar(path: string, always = false): void {
    if (always || this.scope === 0) this.vars.add(path);
  }

  /** Records a diagnostic; returns undefined so callers can `return st.fail(...)`. */
  fail(d: Diagnostic): undefined {
    this.diagnostics.push(d);
    return undefined;
  }

  /** A compiled constant. */
  constant(value: unknown): Ev {
    const ev: Ev = () => value;
    this.consts.set(ev, value);
    return ev;
  }
}
