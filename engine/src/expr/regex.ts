/** Why a `matches` pattern was refused. */
export type RegexProblem = 'not-literal' | 'too-long' | 'bad-flags' | 'syntax' | 'nested-quantifier' | 'backreference';

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
 * Scans a syntactically valid pattern for the ReDoS shapes we refuse:
 * a group containing a variable quantifier that is itself repeated (`(a+)+`, `(a|b?)*`, `(x{1,3}){2,}`),
 * and backreferences (`\1`, `\k<name>`). Overlapping alternations such as `(a|a)*` are not detected.
 */
export function regexHazard(p: string): RegexProblem | null {
  const stack: boolean[] = [false]; // per open group: contains a variable quantifier
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
      continue;
    } else if (ch === ')') {
      const inner = stack.pop() ?? false;
      const q = readQuantifier(p, i + 1);
      if (inner && q?.repeats) return 'nested-quantifier';
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

/** Compiles a `matches` pattern once, or says why it is refused. */
export function compilePattern(pattern: unknown, flags: unknown): { ok: true; re: RegExp } | { ok: false; problem: RegexProblem; message?: string } {
  if (typeof pattern !== 'string') return { ok: false, problem: 'not-literal' };
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, problem: 'too-long' };
  const f = flags ?? '';
  if (typeof f !== 'string' || !/^[imsu]*$/.test(f) || new Set(f).size !== f.length) return { ok: false, problem: 'bad-flags' };
  let re: RegExp;
  try {
    re = new RegExp(pattern, f);
  } catch (e) {
    return { ok: false, problem: 'syntax', message: e instanceof Error ? e.message : String(e) };
  }
  const hazard = regexHazard(pattern);
  return hazard ? { ok: false, problem: hazard } : { ok: true, re };
}
