/** `tongban lint <file...> [--json]`: validation plus semantic lint (dead ends, unknown roles, ...). */
import { lint } from '@tongban/engine';
import { checkFiles } from '../io.ts';

export const summary = '检查定义的语义问题 Lint definitions (unreachable states, dead ends, unknown roles, ...)';

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  return checkFiles(args, 'tongban lint <file...> [--json]', (definition) => lint(definition));
}
