/** `tongban validate <file...> [--json]`: schema validation (format, limits, schemaVersion, expressions). */
import { checkFiles } from '../io.ts';

export const summary = '校验定义文件格式 Validate definition files against the schema';

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  return checkFiles(args, 'tongban validate <file...> [--json]');
}
