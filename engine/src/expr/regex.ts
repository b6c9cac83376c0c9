/**
 * Regular expressions in definitions (JSONLogic `matches`, form `pattern`) are an attack surface: a
 * pattern like `(a+)+$` makes a backtracking engine take exponential time. Two defences: a pattern
 * with the shapes that backtrack catastrophically is refused when the definition is validated
 * (browsers and form libraries may still run it natively), and the engine itself runs every
 * pattern with RE2JS, a pure-JS port of RE2 whose matching time is linear in the input.
 */
import { RE2JS } from 're2js';

/** Why a pattern was refused. */
export type RegexProblem = 'not-literal' | 'too-long' | 'bad-flags' | 'syntax' | 'nested-quantifier' | 'backreference' | 'unsupported';

/** A compiled pattern: what the engine (and ajv, through `re2Engine`) calls. */
export interface LinearRegex {
  test(s: string): boolean;
  toString(): string;
}

/** Longest accepted pattern. */
export const MAX_PATTERN_LENGTH = 200;

interface Quant {
  end: number; // index after the quantifier (and its lazy `?`)
  variable: boolean; // min !== max
  repeats: boolean; // max > 1
}

const BRACES = /^\{(\d+)(,(\d*))?\}/;

/** The quantifier starting at `i`, if any. */
function readQuantifier(p: string, i: number): Quant | null {
  const ch = p[i];
  let q: Quant | null = null;
  if (ch === '*' || ch === '+') q = { end: i + 1, variable: true, repeats: true };
  else if (ch === '?') q = { end: i + 1, variable: true, repeats: false };
  else if (ch === '{') {
    const m = BRACES.exec(p.slice(i));
    if (!m) return null;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    q = { end: i + m[0].length, variable: min !== max, repeats: max > 1 };
  }
  if (q && p[q.end] === '?') q.end++;
  return q;
}

/** Index just after the character class starting at `i` (`[`). */
function skipClass(p: string, i: number): number {
  let j = i + 1;
  if (p[j] === '^') j++;
  if (p[j] === ']') j++;
  while (j < p.length && p[j] !== ']') j += p[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** Index just after a group opener `(`, `(?:`, `(?=`, `(?<name>`… starting at `i`. */
function skipGroupOpen(p: string, i: number): number {
  if (p[i + 1] !== '?') return i + 1;
  if (p[i + 2] === '<' && p[i + 3] !== '=' && p[i + 3] !== '!') return p.indexOf('>', i) + 1;
  return p[i + 2] === '<' ? i + 4 : i + 3;
}

/**
 * A repeated group that starts with a separator (`(/\d{6,15})+`, `(,[a-z]+)*`) cannot split one input
 * two ways, so it does not backtrack catastrophically: its first character is a literal that is not
 * a word character, and nothing else in the group (no `.`, negated class or other occurrence) can match it.
 */
function delimited(body: string): boolean {
  const first = body[0];
  if (!first || /[\w\\[(.?*+{|^$]/.test(first)) return false;
  const rest = body.slice(1);
  return !rest.includes(first) && !/\.|\\[SWDs]|\[\^/.test(rest);
}

/**
 * Scans a syntactically valid pattern for the ReDoS shapes we refuse:
 * a group containing a variable quantifier that is itself repeated (`(a+)+`, `(a|b?)*`, `(x{1,3}){2,}`),
 * unless the group starts with a separator (see `delimited`), and backreferences (`\1`, `\k<name>`).
 * Overlapping alternations such as `(a|a)*` are not detected (the engine runs patterns on RE2 anyway).
 */
export function regexHazard(p: string): RegexProblem | null {
  const stack: boolean[] = [false]; // per open group: contains a variable quantifier
  const starts: number[] = []; // per open group: where its body starts
  let i = 0;
  while (i < p.length) {
    const ch = p[i];
    if (ch === '\\') {
      if (/[1-9k]/.test(p[i + 1] ?? '')) return 'backreference';
      i += 2;
    } else if (ch === '[') i = skipClass(p, i);
    else if (ch === '(') {
      stack.push(false);
      i = skipGroupOpen(p, i);
      starts.push(i);
      continue;
    } else if (ch === ')') {
      const inner = stack.pop() ?? false;
      const body = p.slice(starts.pop() ?? i, i);
      const q = readQuantifier(p, i + 1);
      if (inner && q?.repeats && !delimited(body)) return 'nested-quantifier';
      if (inner || q?.variable) stack[stack.length - 1] = true;
      i = q ? q.end : i + 1;
      continue;
    } else i++;
    const q = readQuantifier(p, i);
    if (q) {
      if (q.variable) stack[stack.length - 1] = true;
      i = q.end;
    }
  }
  return null;
}

/** JS escapes RE2 spells differently: `\u4e00` and `\u{1F600}` are `\x{…}`, `\p{Script=Han}` is `\p{Han}`. */
export function toRe2Syntax(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch !== '\\') { out += ch; continue; }
    const rest = pattern.slice(i);
    const u4 = /^\\u([0-9a-fA-F]{4})/.exec(rest);
    const ub = /^\\u\{([0-9a-fA-F]{1,6})\}/.exec(rest);
    const sc = /^\\([pP])\{(?:Script|sc|Script_Extensions|scx)=(\w+)\}/.exec(rest);
    const m = ub ?? u4;
    if (m) { out += `\\x{${m[1]}}`; i += m[0].length - 1; }
    else if (sc) { out += `\\${sc[1]}{${sc[2]}}`; i += sc[0].length - 1; }
    else { out += rest.slice(0, 2); i += 1; }
  }
  return out;
}

/** Compiles a pattern for RE2 (linear time); lookarounds and backreferences, which RE2 has not, are `unsupported`. */
function linear(pattern: string, flags: string): LinearRegex | { problem: RegexProblem; message: string } {
  const bits = (flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0) | (flags.includes('m') ? RE2JS.MULTILINE : 0) | (flags.includes('s') ? RE2JS.DOTALL : 0);
  try {
    const re = RE2JS.compile(toRe2Syntax(pattern), bits);
    // RegExp.test semantics: a match anywhere in the string (anchors in the pattern still anchor);
    // toString is ajv's cache key for a compiled pattern, so it must be the pattern itself
    return { test: (s) => re.matcher(s).find(), toString: () => `/${pattern}/${flags}` };
  } catch (e) {
    return { problem: 'unsupported', message: e instanceof Error ? e.message : String(e) };
  }
}

/** Checks a pattern (a JS RegExp source) and compiles it for RE2, or says why it is refused. */
export function compilePattern(pattern: unknown, flags: unknown): { ok: true; re: LinearRegex } | { ok: false; problem: RegexProblem; message?: string } {
  if (typeof pattern !== 'string') return { ok: false, problem: 'not-literal' };
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, problem: 'too-long' };
  const f = flags ?? '';
  if (typeof f !== 'string' || !/^[imsu]*$/.test(f) || new Set(f).size !== f.length) return { ok: false, problem: 'bad-flags' };
  try {
    // the JS syntax is the format's (a form library in the browser runs it natively): it must be valid there too
    new RegExp(pattern, f);
  } catch (e) {
    return { ok: false, problem: 'syntax', message: e instanceof Error ? e.message : String(e) };
  }
  const hazard = regexHazard(pattern);
  if (hazard) return { ok: false, problem: hazard };
  const re = linear(pattern, f);
  return 'problem' in re ? { ok: false, ...re } : { ok: true, re };
}

/** ajv's `code.regExp`: JSON Schema `pattern` keywords run on RE2 (ajv passes 'u'; RE2 is Unicode-aware anyway). */
export const re2Engine = Object.assign((pattern: string, _u: string): LinearRegex => {
  const re = linear(pattern, '');
  // definitions are checked at load (definition.unsafe-pattern), so only a form schema from elsewhere lands here
  if ('problem' in re) throw new Error(`unsupported pattern ${pattern}: ${re.message}`);
  return re;
}, { code: 'tongbanRe2' });
