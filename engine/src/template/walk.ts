/// <reference types="handlebars" preserve="true" />
// (the reference keeps the global `hbs` AST types the declaration files name resolvable for consumers)
/**
 * A read-only walk over a Handlebars AST that tracks context scopes
 * (`each`/`with` change the context; `if`/`unless` do not) and block params.
 */

/** A context level: the root, or the inside of an `each` / `with` block. */
export interface Scope {
  /** Data path of this context relative to the root ('' at the root), null when unknown. */
  prefix: string | null;
  /** Block params declared here (`as |item i|`): name → data path, or null for indexes/keys. */
  params: ReadonlyMap<string, string | null>;
  parent: Scope | null;
  /** Number of enclosing context changes (0 at the root). */
  depth: number;
}

/** A helper invocation node (mustache, block or sub-expression). */
export interface CallNode {
  path: hbs.AST.PathExpression;
  params: hbs.AST.Expression[];
  hash: hbs.AST.Hash;
  loc: hbs.AST.SourceLocation;
}

/** Callbacks of a walk. */
export interface Visitor {
  /** Known or unknown helper name used as a call. */
  call(name: string, node: CallNode, usage: 'inline' | 'block' | 'subexpr'): void;
  /** A path read from the data (not a helper name). */
  path(p: hbs.AST.PathExpression, scope: Scope): void;
  /** A construct we may refuse: partial, decorator, raw-output. */
  construct(kind: string, node: hbs.AST.Node): void;
}

/** The root scope. */
export const ROOT_SCOPE: Scope = { prefix: '', params: new Map(), parent: null, depth: 0 };

/** Handlebars treats a literal in path position as a one-segment path (`{{"x"}}` reads `x`). */
export function asPath(e: hbs.AST.Expression): hbs.AST.PathExpression | null {
  if (e.type === 'PathExpression') return e as hbs.AST.PathExpression;
  const lit = e as Partial<hbs.AST.StringLiteral>;
  if (e.type !== 'StringLiteral' && e.type !== 'NumberLiteral' && e.type !== 'BooleanLiteral') return null;
  const original = String(lit.original);
  return { type: 'PathExpression', data: false, depth: 0, parts: [original], original, loc: e.loc };
}

/** Walks a program (null-safe: inverse programs may be absent). */
export function walkProgram(program: hbs.AST.Program | undefined, scope: Scope, v: Visitor, helpers: ReadonlySet<string>): void {
  for (const st of program?.body ?? []) walkStatement(st, scope, v, helpers);
}

function walkStatement(st: hbs.AST.Statement, scope: Scope, v: Visitor, helpers: ReadonlySet<string>): void {
  switch (st.type) {
    case 'MustacheStatement': {
      const m = st as hbs.AST.MustacheStatement;
      if (!m.escaped) v.construct('raw-output', m);
      return walkMustache(m, scope, v, helpers);
    }
    case 'BlockStatement':
      return walkBlock(st as hbs.AST.BlockStatement, scope, v, helpers);
    case 'Decorator':
    case 'DecoratorBlock':
      return v.construct('decorator', st);
    case 'PartialStatement':
    case 'PartialBlockStatement':
      return v.construct('partial', st);
    default:
      return; // content, comments
  }
}

function walkMustache(m: hbs.AST.MustacheStatement, scope: Scope, v: Visitor, helpers: ReadonlySet<string>): void {
  const path = asPath(m.path);
  if (!path) return;
  const simple = path.parts.length === 1 && !path.data && path.depth === 0 && !/^(\.|this\b)/.test(path.original);
  if (m.params.length > 0 || m.hash?.pairs.length || (simple && helpers.has(path.original))) {
    v.call(path.original, { path, params: m.params, hash: m.hash, loc: m.loc }, 'inline');
    walkArgs(m.params, m.hash, scope, v, helpers);
  } else v.path(path, scope);
}

function walkArgs(params: hbs.AST.Expression[], hash: hbs.AST.Hash | undefined, scope: Scope, v: Visitor, helpers: ReadonlySet<string>): void {
  for (const e of [...params, ...(hash?.pairs ?? []).map((p) => p.value)]) walkExpression(e, scope, v, helpers);
}

function walkExpression(e: hbs.AST.Expression, scope: Scope, v: Visitor, helpers: ReadonlySet<string>): void {
  if (e.type === 'PathExpression') return v.path(e as hbs.AST.PathExpression, scope);
  if (e.type !== 'SubExpression') return;
  const s = e as hbs.AST.SubExpression;
  const path = asPath(s.path);
  if (path) v.call(path.original, { path, params: s.params, hash: s.hash, loc: s.loc }, 'subexpr');
  walkArgs(s.params, s.hash, scope, v, helpers);
}

function walkBlock(b: hbs.AST.BlockStatement, scope: Scope, v: Visitor, helpers: ReadonlySet<string>): void {
  const path = asPath(b.path);
  if (path) v.call(path.original, { path, params: b.params, hash: b.hash, loc: b.loc }, 'block');
  walkArgs(b.params, b.hash, scope, v, helpers);
  walkProgram(b.program, innerScope(b, path?.original ?? '', scope), v, helpers);
  walkProgram(b.inverse, scope, v, helpers);
}

/** The scope inside a block's main program. */
function innerScope(b: hbs.AST.BlockStatement, name: string, scope: Scope): Scope {
  if (name !== 'each' && name !== 'with') return scope;
  const first = b.params[0];
  const target = first && first.type === 'PathExpression' ? resolvePath(first as hbs.AST.PathExpression, scope) : null;
  const prefix = target === null ? null : name === 'each' ? `${target}[]` : target;
  const [p0, p1] = b.program?.blockParams ?? [];
  const params = new Map<string, string | null>();
  if (p0 !== undefined) params.set(p0, prefix);
  if (p1 !== undefined) params.set(p1, null);
  return { prefix, params, parent: scope, depth: scope.depth + 1 };
}

function blockParam(name: string, scope: Scope | null): { found: boolean; value: string | null } {
  for (let s = scope; s; s = s.parent) if (s.params.has(name)) return { found: true, value: s.params.get(name) ?? null };
  return { found: false, value: null };
}

function join(prefix: string, parts: readonly string[]): string {
  return [prefix, ...parts].filter((x) => x !== '').join('.');
}

/**
 * The root-relative data path a path expression reads ('case.items[].name'),
 * or null for `@data` variables, indexes, `../` beyond the root and unknown contexts.
 */
export function resolvePath(p: hbs.AST.PathExpression, scope: Scope): string | null {
  if (p.data) return null;
  let s: Scope | null = scope;
  for (let i = 0; i < p.depth && s; i++) s = s.parent;
  if (!s) return null;
  const head = p.parts[0];
  if (p.depth === 0 && head !== undefined && !/^(\.|this\b)/.test(p.original)) {
    const bp = blockParam(head, s);
    if (bp.found) return bp.value === null ? null : join(bp.value, p.parts.slice(1));
  }
  return s.prefix === null ? null : join(s.prefix, p.parts);
}
