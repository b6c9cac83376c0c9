/** `npm run bench:runtime`: prints `bench <name> <value> <unit>` lines for the runtime. */
import { benchCommands } from './commands.bench.ts';
import { benchQueue } from './queue.bench.ts';

const only = process.argv[2];
if (!only || only === 'commands') {
  await benchCommands('sqlite');
  await benchCommands('mysql');
}
if (!only || only === 'queue') await benchQueue();
process.exit(0);
