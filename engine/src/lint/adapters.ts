/** Adapter operations and sub-case definitions: declared, installed, existing. */
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

function definitions(c: LintContext): Diagnostic[] {
  if (!c.opts.knownDefinitions) return [];
  // a definition may start cases of its own item even before it is first published
  const known = new Set([...c.opts.knownDefinitions, c.def.id]);
  const refs: Array<[string, string]> = eachEffect(c).flatMap(({ effect, path }) => ('spawn' in effect ? [[effect.spawn.definition, path + '/spawn/definition'] as [string, string]] : []));
  for (const s of c.model.states.values()) if (s.spec.subcase) refs.push([s.spec.subcase.definition, s.path + '/subcase/definition']);
  return refs.filter(([id]) => !known.has(id)).map(([definition, path]) => diag('lint.unknown-definition', path, { definition }));
}

/** Invokes not declared in `adapters.invokes` (warning); not installed (error, with `installedOperations`); unknown sub-case items. */
export function checkAdapters(c: LintContext): Diagnostic[] {
  const used = operations(c);
  const declared = new Set(c.def.adapters?.invokes ?? []);
  const undeclared = used.filter(([op]) => !declared.has(op)).map(([operation, path]) => diag('lint.undeclared-operation', path, { operation }));
  return [...undeclared, ...installed(c, used), ...definitions(c)];
}
