/** Guards and computed values (JSONLogic) that read or write data the definition does not have. */
import { compileAllLogic } from '../compile/logic.ts';
import { diag } from '../diagnostics/catalog.ts';
import { pointer, type Diagnostic } from '../diagnostics/Diagnostic.ts';
import { knownDataKeys, type LintContext } from './context.ts';

/** Roots of the object an expression is evaluated against (see run/view.ts) besides `data`. */
const ROOTS: ReadonlySet<string> = new Set(['case', 'actor', 'event']);

function readProblem(known: Set<string>, v: string, path: string): Diagnostic | undefined {
  const [root, field] = v.split('.');
  if (root === 'data') return field === undefined || known.has(field) ? undefined : diag('lint.logic-unknown-field', path, { field, var: v });
  return ROOTS.has(root ?? '') ? undefined : diag('lint.logic-unknown-root', path, { var: v });
}

function setTargets(c: LintContext, known: Set<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of c.model.transitions) {
    for (const key of Object.keys(t.spec.set ?? {})) {
      // writeData drops a leading `data.`; the first segment names the data field
      const field = (key.startsWith('data.') ? key.slice(5) : key).split('.')[0] ?? '';
      if (!known.has(field)) out.push(diag('lint.set-unknown-field', t.path + pointer('set', key), { field }));
    }
  }
  return out;
}

/** Every compiled expression's literal reads (`.vars`) must be data fields or allowed roots; `set` targets must be data fields. */
export function checkExpressions(c: LintContext): Diagnostic[] {
  const known = knownDataKeys(c);
  const out: Diagnostic[] = [];
  for (const [path, logic] of compileAllLogic(c.def).logic) {
    for (const v of logic.vars) {
      const d = readProblem(known, v, path);
      if (d) out.push(d);
    }
  }
  const undescribed = c.model.transitions.filter((t) => t.spec.guard !== undefined && !t.spec.description).map((t) => diag('lint.guard-undescribed', t.path + '/guard'));
  return [...out, ...setTargets(c, known), ...undescribed];
}
