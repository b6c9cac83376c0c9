/// <reference types="handlebars" preserve="true" />
// (the reference keeps the global `hbs` AST types the declaration files name resolvable for consumers)
import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { ALLOWED_DATA_VARS, FORBIDDEN_PROPS, HELPER_SPECS, MASK_KINDS, MAX_TEMPLATE_LENGTH } from './helperSpecs.ts';
import { hb } from './env.ts';
import type { CallNode, Scope, Visitor } from './walk.ts';
import { ROOT_SCOPE, walkProgram } from './walk.ts';

/** Names of the allowed helpers (a mustache without arguments naming one is a call). */
export const HELPER_NAMES: ReadonlySet<string> = new Set(HELPER_SPECS.keys());

/** 1-based line and column of an AST node. */
function at(node: { loc?: hbs.AST.SourceLocation }): { line: number; column: number } {
  return { line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 };
}

/** Position of a parse error: Handlebars exceptions carry it, Jison errors leave it in the lexer. */
function errorPosition(e: unknown, source: string): { line: number; column: number } {
  const ex = e as { lineNumber?: unknown; column?: unknown; message?: unknown };
  if (typeof ex.lineNumber === 'number' && typeof ex.column === 'number') return { line: ex.lineNumber, column: ex.column + 1 };
  const lexer = (hb as unknown as { Parser?: { lexer?: { yylloc?: { first_line?: number; first_column?: number } } } }).Parser?.lexer;
  const loc = lexer?.yylloc;
  if (loc && typeof loc.first_line === 'number' && typeof loc.first_column === 'number') return { line: loc.first_line, column: loc.first_column + 1 };
  const m = /line (\d+)/.exec(String(ex.message));
  return { line: m ? Number(m[1]) : 1, column: source.length > 0 ? 1 : 0 };
}

/** Parses a template; the AST, or a `template.syntax` diagnostic. */
export function parseTemplate(source: string, path: string): { ok: true; ast: hbs.AST.Program } | { ok: false; diagnostic: Diagnostic } {
  try {
    return { ok: true, ast: hb.parse(source) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, diagnostic: diag('template.syntax', path, { ...errorPosition(e, source), message }) };
  }
}

function callProblem(name: string, node: CallNode, usage: 'inline' | 'block' | 'subexpr', path: string): Diagnostic | undefined {
  const spec = HELPER_SPECS.get(name);
  if (!spec) return diag('template.unknown-helper', path, { helper: name, ...at(node) });
  const asBlock = usage === 'block';
  if ((spec.usage === 'block') !== asBlock) {
    return diag('template.bad-helper-use', path, { helper: name, usage: asBlock ? 'block' : 'inline', ...at(node) });
  }
  const count = node.params.length;
  if (count < spec.min || count > spec.max) {
    return diag('template.bad-argument', path, { helper: name, reason: 'arity', expected: spec.min, count, ...at(node) });
  }
  const kind = node.params[1];
  if (name !== 'mask' || kind?.type !== 'StringLiteral') return undefined;
  const value = (kind as hbs.AST.StringLiteral).value;
  return MASK_KINDS.includes(value) ? undefined : diag('template.bad-argument', path, { helper: name, reason: 'mask-kind', value, ...at(node) });
}

function pathProblem(p: hbs.AST.PathExpression, scope: Scope, path: string): Diagnostic | undefined {
  const bad = p.parts.find((s) => FORBIDDEN_PROPS.has(s));
  if (bad !== undefined) return diag('template.forbidden-path', path, { path: p.original, segment: bad, ...at(p) });
  if (p.data && !(p.parts.length === 1 && ALLOWED_DATA_VARS.has(p.parts[0] ?? ''))) {
    return diag('template.forbidden-construct', path, { construct: `@${p.parts[0] ?? ''}`, ...at(p) });
  }
  return p.depth > scope.depth ? diag('template.forbidden-construct', path, { construct: '../', ...at(p) }) : undefined;
}

function checker(path: string, out: Diagnostic[]): Visitor {
  const push = (d: Diagnostic | undefined): void => {
    if (d) out.push(d);
  };
  return {
    call: (name, node, usage) => push(callProblem(name, node, usage, path)),
    path: (p, scope) => push(pathProblem(p, scope, path)),
    construct: (kind, node) => push(diag('template.forbidden-construct', path, { construct: kind, ...at(node) })),
  };
}

/** Statically checks a notification template (parse only, no compile); an empty list means usable. */
export function checkTemplate(source: string, path: string): Diagnostic[] {
  if (source.length > MAX_TEMPLATE_LENGTH) return [diag('template.too-long', path, { length: source.length, max: MAX_TEMPLATE_LENGTH })];
  const parsed = parseTemplate(source, path);
  if (!parsed.ok) return [parsed.diagnostic];
  const out: Diagnostic[] = [];
  walkProgram(parsed.ast, ROOT_SCOPE, checker(path, out), HELPER_NAMES);
  return out;
}
