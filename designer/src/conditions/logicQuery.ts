/**
 * JSONLogic ⇄ the condition builder's query. A condition is shown in the builder only when the
 * round trip gives back the same logic; anything else (arithmetic, `!`, `!!`, nested `var`
 * defaults, operators the builder lacks) is reported as not representable, so the designer opens it
 * in the JSON editor instead of silently dropping part of it.
 */
import { formatQuery } from 'react-querybuilder/formatQuery';
import { parseJsonLogic } from 'react-querybuilder/parseJsonLogic';
import type { RuleGroupType } from 'react-querybuilder';

/** Canonical JSON (keys sorted) for comparisons. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/** The builder's output as JSONLogic; a group of one rule is that rule (as the definitions are written by hand). */
export function queryToLogic(q: RuleGroupType): unknown {
  const out = formatQuery(q, 'jsonlogic') as unknown;
  if (out === false) return undefined; // an empty builder is "no condition"
  return unwrap(out);
}

function unwrap(l: unknown): unknown {
  if (!l || typeof l !== 'object' || Array.isArray(l)) return l;
  const [op, args] = Object.entries(l as Record<string, unknown>)[0] ?? [];
  if ((op === 'and' || op === 'or') && Array.isArray(args)) {
    const inner = args.map(unwrap);
    return inner.length === 1 ? inner[0] : { [op]: inner };
  }
  return l;
}

export type LogicParse = { ok: true; query: RuleGroupType } | { ok: false; reason: 'unrepresentable' };

const empty: RuleGroupType = { combinator: 'and', rules: [] };

/** Parses logic into a query, or says it cannot be shown without loss. */
export function logicToQuery(logic: unknown): LogicParse {
  if (logic === undefined || logic === null) return { ok: true, query: empty };
  let query: RuleGroupType;
  try {
    query = parseJsonLogic(logic as never) as RuleGroupType;
  } catch {
    return { ok: false, reason: 'unrepresentable' };
  }
  const back = queryToLogic(query);
  return canonical(back) === canonical(unwrap(logic)) ? { ok: true, query } : { ok: false, reason: 'unrepresentable' };
}
