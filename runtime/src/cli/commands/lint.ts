/** `tongban lint <file...> [--json]`: validation plus semantic lint (dead ends, unknown roles, ...). */
import { lint } from '@tongban/engine';
import { Exit, exitFor, parseArgs, printDiagnostics, readDefinition } from '../io.ts';

export const summary = '检查定义的语义问题 Lint definitions (unreachable states, dead ends, unknown roles, ...)';

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { positional, flags } = parseArgs(args);
  if (positional.length === 0) {
    process.stderr.write('用法 Usage: tongban lint <file...> [--json]\n');
    return Exit.unusable;
  }
  let code: number = Exit.clean;
  for (const file of positional) {
    const r = readDefinition(file);
    const diagnostics = r.ok ? [...r.diagnostics, ...lint(r.definition)] : r.diagnostics;
    printDiagnostics(file, diagnostics, flags.json === true);
    code = Math.max(code, exitFor(diagnostics));
  }
  return code;
}
