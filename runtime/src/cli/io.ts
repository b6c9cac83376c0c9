/** Shared CLI helpers: reading a definition file, printing diagnostics, exit codes. */
import { readFileSync } from 'node:fs';
import { loadDefinition, type Definition, type Diagnostic, type LoadResult } from '@tongban/engine';

export const Exit = { clean: 0, errors: 1, unusable: 2 } as const;

const unusableCodes = /^definition\.(parse-|too-|not-object)|^cli\./;

/** Exit code for a set of diagnostics. */
export function exitFor(diagnostics: Diagnostic[]): number {
  if (diagnostics.some((d) => d.severity === 'error' && unusableCodes.test(d.code))) return Exit.unusable;
  return diagnostics.some((d) => d.severity === 'error') ? Exit.errors : Exit.clean;
}

/** Reads and loads a definition file (JSON or YAML by extension or content). */
export function readDefinition(file: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    return { ok: false, diagnostics: [{ code: 'cli.unreadable', severity: 'error', path: '', message: { 'zh-CN': `无法读取文件 ${file}（${reason}）`, en: `Cannot read ${file} (${reason})` } }] };
  }
  const format = /\.ya?ml$/i.test(file) ? 'yaml' : /\.json$/i.test(file) ? 'json' : undefined;
  return loadDefinition(text, format ? { format } : {});
}

/** Prints diagnostics one per line (zh-CN / en), or as JSON. */
export function printDiagnostics(file: string, diagnostics: Diagnostic[], json: boolean): void {
  if (json) {
    process.stdout.write(JSON.stringify({ file, diagnostics }, null, 2) + '\n');
    return;
  }
  for (const d of diagnostics) {
    process.stdout.write(`${file}${d.path ? ' ' + d.path : ''}: ${d.severity} ${d.code}\n  ${d.message['zh-CN']}\n  ${d.message.en}\n`);
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  process.stdout.write(`${file}: ${errors} 个错误 error(s), ${warnings} 个警告 warning(s)\n`);
}

/** Splits argv into positional args and --flags (with optional values). */
export function parseArgs(args: string[], valued: string[] = []): { positional: string[]; flags: Record<string, string | true> } {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) positional.push(a);
    else if (valued.includes(a.slice(2)) && i + 1 < args.length) flags[a.slice(2)] = args[++i]!;
    else flags[a.slice(2)] = true;
  }
  return { positional, flags };
}

/**
 * Runs a check over each file named on the command line, prints its diagnostics and returns the
 * worst exit code (`validate` and `lint` differ only in `extra`).
 */
export function checkFiles(args: string[], usage: string, extra: (definition: Definition) => Diagnostic[] = () => []): number {
  const { positional, flags } = parseArgs(args);
  if (positional.length === 0) {
    process.stderr.write(`用法 Usage: ${usage}\n`);
    return Exit.unusable;
  }
  let code: number = Exit.clean;
  for (const file of positional) {
    const r = readDefinition(file);
    const diagnostics = r.ok ? [...r.diagnostics, ...extra(r.definition)] : r.diagnostics;
    printDiagnostics(file, diagnostics, flags.json === true);
    code = Math.max(code, exitFor(diagnostics));
  }
  return code;
}
