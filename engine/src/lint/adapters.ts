/** Adapter operations: declared and installed. */
import { diag } from '../diagnostics/catalog.ts';
import { pointer, type Diagnostic } from '../diagnostics/Diagnostic.ts';
import { eachEffect, type LintContext } from './context.ts';

function operations(c: LintContext): Array<[string, string]> {
  return eachEffect(c).flatMap(({ effect, path }) => ('invoke' in effect ? [[effect.invoke.operation, path + '/invoke/operation'] as [string, string]] : []));
}

function installed(c: LintContext, used: Array<[string, string]>): Diagnostic[] {
  if (!c.opts.installedOperations) return [];
  const have = new Set(c.opts.installedOperations);
  // declared but unused operations are checked too: publishing promises them to the designer and runtime
  const declared = (c.def.adapters?.invokes ?? []).map((op, i): [string, string] => [op, pointer('adapters', 'invokes', i)]);
  const usedOps = new Set(used.map(([op]) => op));
  const out: Diagnostic[] = [];
  for (const [operation, path] of [...used, ...declared.filter(([op]) => !usedOps.has(op))]) {
    if (!have.has(operation)) out.push(diag('lint.operation-not-installed', path, { operation }));
  }
  return out;
}

/** Invokes not declared in `adapters.invokes` (warning); not installed (error, with `installedOperations`). */
export function checkAdapters(c: LintContext): Diagnostic[] {
  const used = operations(c);
  const declared = new Set(c.def.adapters?.invokes ?? []);
  const undeclared = used.filter(([op]) => !declared.has(op)).map(([operation, path]) => diag('lint.undeclared-operation', path, { operation }));
  return [...undeclared, ...installed(c, used)];
}
