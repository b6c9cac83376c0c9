/** `tongban validate <file...> [--json]`: schema validation (format, limits, schemaVersion, expressions). */
import { Exit, exitFor, parseArgs, printDiagnostics, readDefinition } from '../io.ts';

export const summary = '校验定义文件格式 Validate definition files against the schema';

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { positional, flags } = parseArgs(args);
  if (positional.length === 0) {
    process.stderr.write('用法 Usage: tongban validate <file...> [--json]\n');
    return Exit.unusable;
  }
  let code: number = Exit.clean;
  for (const file of positional) {
    const r = readDefinition(file);
    printDiagnostics(file, r.diagnostics, flags.json === true);
    code = Math.max(code, exitFor(r.diagnostics));
  }
  return code;
}
