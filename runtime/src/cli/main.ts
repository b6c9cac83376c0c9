/**
 * `tongban <command> [...args]`. Each command is a module under ./commands exporting
 * `run(args): Promise<number>` (the exit code) and `summary` (one line for help).
 * Exit codes: 0 clean, 1 diagnostics with errors, 2 unusable input or usage.
 */
export interface Command {
  summary: string;
  run(args: string[]): Promise<number>;
}

const commands = [
  'validate', 'lint', 'simulate', 'docs',
  'start', 'migrate', 'seed', 'audit', 'rotate-key', 'backup', 'restore', 'retention',
] as const;

async function load(name: string): Promise<Command | undefined> {
  if (!(commands as readonly string[]).includes(name)) return undefined;
  try {
    return (await import(`./commands/${name}.ts`)) as Command;
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String(err).includes(`commands/${name}.ts`)) return undefined;
    throw err;
  }
}

async function help(): Promise<number> {
  const lines = ['用法 Usage: tongban <command> [options]', ''];
  for (const name of commands) {
    const cmd = await load(name);
    if (cmd) lines.push(`  ${name.padEnd(12)} ${cmd.summary}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

/** Runs the CLI; never throws (an unexpected error prints and exits 2). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') return help();
  const cmd = await load(name);
  if (!cmd) {
    process.stderr.write(`未知命令 Unknown command: ${name}\n`);
    await help();
    return 2;
  }
  try {
    return await cmd.run(rest);
  } catch (err) {
    process.stderr.write(`错误 Error: ${(err as Error).message}\n`);
    return 2;
  }
}
