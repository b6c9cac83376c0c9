/** Which fields of a form its `visibleIf` conditions hide for the current data. */
import type { FormSpec, Logic } from '../definition/types.ts';

/** A JSONLogic evaluator (the engine passes its expr module's; the forms module stays independent of it). */
export type Evaluate = (logic: Logic, vars: Record<string, unknown>) => unknown;

/** The fields whose `visibleIf` is not truthy for `vars` (the guard context: `{ data, case, actor, ... }`). */
export function hiddenFields(form: FormSpec, vars: Record<string, unknown>, evaluate: Evaluate): string[] {
  return Object.entries(form.visibleIf ?? {})
    .filter(([, logic]) => !evaluate(logic, vars))
    .map(([field]) => field);
}
