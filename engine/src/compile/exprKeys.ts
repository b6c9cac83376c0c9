/**
 * Where a definition's JSONLogic expressions live, as typed keys. The compiler walks the
 * definition with these constructors and stores each compiled expression under its key; the run
 * code looks expressions up with the same constructors. A key is the expression's JSON Pointer
 * (so a diagnostic about it points at the right place), but only these functions make one.
 */
import type { TransitionInfo } from './model.ts';
import { pointer } from '../diagnostics/Diagnostic.ts';

declare const exprKeyBrand: unique symbol;
/** The JSON Pointer of one expression in a definition; only `ExprKeys` makes one. */
export type ExprKey = string & { readonly [exprKeyBrand]: true };

const key = (path: string) => path as ExprKey;

/** Constructors of expression keys, one per place the format takes an expression. */
export const ExprKeys = {
  /** a transition's `guard` */
  guard: (t: Pick<TransitionInfo, 'path'>): ExprKey => key(t.path + '/guard'),
  /** the `when` of a transition's refusal rule `i` */
  refuse: (t: Pick<TransitionInfo, 'path'>, i: number): ExprKey => key(t.path + pointer('refuse', i, 'when')),
  /** one computed value of a transition's `set` */
  set: (t: Pick<TransitionInfo, 'path'>, field: string): ExprKey => key(t.path + pointer('set', field)),
  /** the requested extension of a transition's `extend` */
  extendBy: (t: Pick<TransitionInfo, 'path'>): ExprKey => key(t.path + '/extend/by'),
  /** an SLA's (or case clock's) `withinFrom`, at the SLA's path */
  withinFrom: (slaPath: string): ExprKey => key(slaPath + '/withinFrom'),
  /** an SLA's `clockFrom` (which clock the deadline runs on, from the case data) */
  clockFrom: (slaPath: string): ExprKey => key(slaPath + '/clockFrom'),
  /** an SLA's `dueBy` (an absolute deadline from the case data that wins when earlier) */
  dueBy: (slaPath: string): ExprKey => key(slaPath + '/dueBy'),
  /** one (possibly nested) input value of an `invoke` or `spawn` effect at `effectPath` */
  effectInput: (effectPath: string, kind: 'invoke' | 'spawn', keys: readonly string[]): ExprKey => key(effectPath + pointer(kind, 'input', ...keys)),
  /** one value of an `award` (who, for which activity, how many hours) */
  award: (effectPath: string, part: 'rule' | 'person' | 'activity' | 'hours'): ExprKey => key(effectPath + pointer('award', part)),
  /** the consent record (`ref`) or the person (`subject`) an `invoke` must have a separate consent for */
  invokeConsent: (effectPath: string, part: 'ref' | 'subject'): ExprKey => key(effectPath + pointer('invoke', 'consent', part)),
  /** one input value of a state's `subcase` */
  subcaseInput: (statePath: string, field: string): ExprKey => key(statePath + pointer('subcase', 'input', field)),
  /** a form field's `visibleIf` */
  visibleIf: (form: string, field: string): ExprKey => key(pointer('forms', form, 'visibleIf', field)),
  /** the `check` of a cross-field rule: a form's (`forms/<id>/rules/<i>`) or the data's (`dataRules/<i>`) */
  rule: (rulePath: string): ExprKey => key(rulePath + '/check'),
  /** a recurring schedule's `anchor` */
  scheduleAnchor: (name: string): ExprKey => key(pointer('schedules', name, 'anchor')),
  /** the list of instants a schedule fires ahead of (`at`) */
  scheduleAt: (name: string): ExprKey => key(pointer('schedules', name, 'at')),
} as const;
