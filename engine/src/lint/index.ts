/**
 * Lint: semantic checks on a definition that already passed `loadDefinition` (schema-valid, unique
 * state ids, compilable expressions). Finds what the schema cannot: unknown targets, unreachable
 * states, dead ends and endless loops, decisions and events that lead nowhere, unknown roles, forms,
 * fields and templates, guards on missing data, SLAs without a breach path, adapters not installed,
 * impossible task-mode settings and parallel states that never join. Every finding is a coded,
 * bilingual diagnostic with a JSON Pointer into the definition (codes `lint.*`, plus `template.*`
 * for template texts). Pure: no I/O, never throws.
 */
import type { Definition } from '../definition/types.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { checkAdapters } from './adapters.ts';
import { lintContext, type Check, type LintOptions } from './context.ts';
import { checkDecisions } from './decisions.ts';
import { checkExpressions } from './expressions.ts';
import { checkForms } from './forms.ts';
import { checkModes } from './modes.ts';
import { checkParallel } from './parallel.ts';
import { checkReachability } from './reachability.ts';
import { checkRoles } from './roles.ts';
import { checkSlas } from './sla.ts';
import { checkTargets } from './targets.ts';
import { checkTemplates } from './templates.ts';
import { checkSubcases } from './subcases.ts';
import { checkRecipients } from './recipients.ts';
import { checkCalendar } from './calendar.ts';
import { checkPersonalData } from './pii.ts';

export type { LintOptions } from './context.ts';

/** The checks, in the order their findings are listed (flow shape first: it matters most to a designer). */
const checks: ReadonlyArray<[string, Check]> = [
  ['targets', checkTargets],
  ['reachability', checkReachability],
  ['parallel', checkParallel],
  ['decisions', checkDecisions],
  ['modes', checkModes],
  ['roles', checkRoles],
  ['forms', checkForms],
  ['expressions', checkExpressions],
  ['templates', checkTemplates],
  ['adapters', checkAdapters],
  ['subcases', checkSubcases],
  ['recipients', checkRecipients],
  ['calendar', checkCalendar],
  ['personal data', checkPersonalData],
  ['sla', checkSlas],
];

/** Semantic diagnostics for a definition that already passed loadDefinition (schema-valid). Pure; never throws. */
export function lint(def: Definition, opts: LintOptions = {}): Diagnostic[] {
  let context;
  try {
    context = lintContext(def, opts);
  } catch (e) {
    return [diag('lint.internal-error', '', { check: 'context', reason: e instanceof Error ? e.message : String(e) })];
  }
  const out: Diagnostic[] = [];
  for (const [name, check] of checks) {
    // one failing check (a bug, or a definition that skipped validation) must not hide the others
    try {
      out.push(...check(context));
    } catch (e) {
      out.push(diag('lint.internal-error', '', { check: name, reason: e instanceof Error ? e.message : String(e) }));
    }
  }
  return out;
}
