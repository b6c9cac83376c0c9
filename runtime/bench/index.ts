/**
 * The runtime benchmark (`npm run bench` calls `run()`; `npm run bench:runtime [commands|queue|bpmn]`
 * runs a part). Prints `bench <name> <value> <unit>` lines and a met / NOT MET line per target.
 * Env: TONGBAN_BENCH_FLOWS (flows per concurrency level, default 250), TONGBAN_BENCH_CASES (queue
 * cases, default 1,000,000).
 */
import { benchCommands, type CommandFigures } from './commands.bench.ts';
import { bpmnStepsPerSecond } from './bpmn.bench.ts';
import { benchQueue, type QueueFigures } from './queue.bench.ts';
import { loadavg } from 'node:os';
import { line } from './stats.ts';
import { summarize } from './summary.ts';

const flows = Number(process.env.TONGBAN_BENCH_FLOWS ?? 250);
const cases = Number(process.env.TONGBAN_BENCH_CASES ?? 1_000_000);

function compareBpmn(sqlite: CommandFigures | undefined, bpmn: number): void {
  line('runtime.bpmn-engine.sqlite.steps-per-s', bpmn, 'steps/s');
  const c1 = sqlite?.levels.find((l) => l.c === 1);
  if (c1) line('runtime.commands.sqlite.c1.ratio-to-bpmn-engine', c1.rate / bpmn, 'x');
}

/** The host's 1-minute load average: the machine is shared, so figures are read next to it. */
function hostLoad(when: string): void {
  line(`runtime.host.loadavg-1m.${when}`, loadavg()[0]!, 'load');
}

/** Runs the parts named (all when none). */
export async function run(only?: string): Promise<void> {
  hostLoad('start');
  const commands: CommandFigures[] = [];
  let queue: QueueFigures | undefined;
  if (!only || only === 'commands' || only === 'bpmn') commands.push(await benchCommands('sqlite', flows));
  if (!only || only === 'bpmn') compareBpmn(commands[0], await bpmnStepsPerSecond(Math.min(flows, 200)));
  if (!only || only === 'commands') commands.push(await benchCommands('mysql', flows));
  if (!only || only === 'queue') queue = await benchQueue(cases);
  hostLoad('end');
  summarize(commands, queue);
}
