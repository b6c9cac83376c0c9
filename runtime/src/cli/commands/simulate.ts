/**
 * `tongban simulate <file> --script <events.json> [--directory <dir.json>] [--json]`: runs a case
 * through the engine and prints the path, tasks with assignees, timers with due times, effects
 * and the final state. The directory defaults to the sample county.
 */
import { readFileSync } from 'node:fs';
import { compile, createDirectory, formatSimulation, simulate, type DirectoryData, type SimScript } from '@tongban/engine';
import { countyCalendarSet } from '../../calendars/countyCalendars.ts';
import { Exit, exitFor, parseArgs, printDiagnostics, readDefinition } from '../io.ts';

export const summary = '按脚本模拟运行案件 Simulate a case from a script of events';

function readJson(file: string): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(readFileSync(file, 'utf8')) };
  } catch (err) {
    return { error: `${file}: ${(err as Error).message}` };
  }
}

async function directory(file: string | undefined): Promise<DirectoryData | string> {
  if (file) {
    const r = readJson(file);
    return r.error ?? (r.value as DirectoryData);
  }
  try {
    const examples = (await import('@tongban/examples')) as { directoryData?: () => DirectoryData };
    if (examples.directoryData) return examples.directoryData();
  } catch {
    // no sample county installed: fall through
  }
  return '未找到示例县目录，请用 --directory 指定 / no sample county; pass --directory';
}

function validScript(v: unknown): v is SimScript {
  const s = v as SimScript;
  return Boolean(s && typeof s === 'object' && s.case && typeof s.case.orgPath === 'string' && (typeof s.case.by === 'string' || typeof s.case.source === 'string') && typeof s.case.at === 'string' && Array.isArray(s.steps));
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { positional, flags } = parseArgs(args, ['script', 'directory']);
  const file = positional[0];
  if (!file || typeof flags.script !== 'string') {
    process.stderr.write('用法 Usage: tongban simulate <definition> --script <events.json> [--directory <dir.json>] [--json]\n');
    return Exit.unusable;
  }
  const loaded = readDefinition(file);
  if (!loaded.ok) {
    printDiagnostics(file, loaded.diagnostics, flags.json === true);
    return Math.max(Exit.errors, exitFor(loaded.diagnostics));
  }
  const script = readJson(flags.script);
  if (script.error || !validScript(script.value)) {
    process.stderr.write(`脚本无效 Invalid script: ${script.error ?? 'needs case.{orgPath,by,at} and steps[]'}\n`);
    return Exit.unusable;
  }
  const dir = await directory(typeof flags.directory === 'string' ? flags.directory : undefined);
  if (typeof dir === 'string') {
    process.stderr.write(dir + '\n');
    return Exit.unusable;
  }
  const calendars = countyCalendarSet();
  const opts = { calendar: calendars.default, calendars: calendars.byId, directory: createDirectory(dir) };
  const result = simulate(compile(loaded.definition), script.value, opts, dir);
  process.stdout.write((flags.json === true ? JSON.stringify(result, null, 2) : formatSimulation(result)) + '\n');
  return result.ok ? Exit.clean : Exit.errors;
}
