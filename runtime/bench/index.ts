/**
 * The runtime benchmark (`npm run bench` calls `run()`; `npm run bench:runtime [commands|item|timers|queue|bpmn][,…]`
 * runs the parts named). Prints `bench <name> <value> <unit> load=…` lines and a `target <name>
 * <threshold> met|NOT MET (<value>)` line per issue target.
 * Env: TONGBAN_BENCH_FLOWS (flows per concurrency level, default 250), TONGBAN_BENCH_ITEM_FLOWS
 * (grid-incident cases from report to close, default 40), TONGBAN_BENCH_CASES (queue cases, default
 * 1,000,000), TONGBAN_BENCH_TIMERS=smoke (a short timers run), TONGBAN_BENCH_ROUNDS (rounds of the
 * commands' c8, default 3), TONGBAN_TEST_MYSQL (the MariaDB to use; unset: the local server, over its
 * Unix socket when it has one here).
 */
import { loadavg } from 'node:os';
import { benchCommands, type CommandFigures } from './commands.bench.ts';
import { bpmnStepsPerSecond } from './bpmn.bench.ts';
import { benchItemFlow } from './itemFlow.bench.ts';
import { benchQueue, type QueueFigures } from './queue.bench.ts';
import { benchTimers, type TimerFigures } from './timers.bench.ts';
import { chooseMysqlTransport } from './mysqlTransport.ts';
import { line } from './stats.ts';
import { summarize } from './summary.ts';

const flows = Number(process.env.TONGBAN_BENCH_FLOWS ?? 250);
const itemFlows = Number(process.env.TONGBAN_BENCH_ITEM_FLOWS ?? 40);
const cases = Number(process.env.TONGBAN_BENCH_CASES ?? 1_000_000);

function compareBpmn(sqlite: CommandFigures | undefined, bpmn: number): void {
  line('runtime.bpmn-engine.sqlite.steps-per-s', bpmn, 'steps/s');
  const c1 = sqlite?.levels.find((l) => l.c === 1);
  if (c1) line('runtime.commands.sqlite.c1.ratio-to-bpmn-engine', c1.rate / bpmn, 'x');
}

/** The host's 1-minute load average at a boundary of the run. */
function hostLoad(when: string): void {
  line(`runtime.host.loadavg-1m.${when}`, loadavg()[0]!, 'load');
}

const c8 = (f: CommandFigures[], dialect: string) => f.find((x) => x.dialect === dialect)?.levels.find((l) => l.c === 8)?.rate;

/** Runs the parts named (all when none). */
export async function run(only?: string): Promise<void> {
  hostLoad('start');
  const parts = only?.split(',');
  const part = (name: string) => !parts || parts.includes(name);
  const commands: CommandFigures[] = [];
  const timers: TimerFigures[] = [];
  let queue: QueueFigures | undefined;
  // MariaDB on this host is reached over its Unix socket, as a single-node deployment connects
  const mysql = ['commands', 'item', 'timers', 'queue'].some(part) ? await chooseMysqlTransport() : undefined;
  if (mysql) line('runtime.mysql.over-unix-socket', mysql.transport === 'socket' ? 1 : 0, 'yes=1');
  if (part('commands') || part('bpmn')) commands.push(await benchCommands('sqlite', flows));
  if (part('bpmn')) compareBpmn(commands[0], await bpmnStepsPerSecond(Math.min(flows, 200)));
  if (part('commands')) {
    commands.push(await benchCommands('mysql', flows));
    // the same at c8 over loopback TCP, as a database on another host is reached
    if (mysql?.tcpServer) await benchCommands('mysql', flows, { suffix: '.tcp', mysqlServer: mysql.tcpServer, levels: [8] });
  }
  // a real item through the API: the grid incident from report to close (no target of its own)
  if (part('item')) for (const d of ['sqlite', 'mysql'] as const) await benchItemFlow(d, itemFlows);
  // as deployed: the embedded driver on one node's SQLite, BullMQ beside MariaDB for several processes
  if (part('timers')) {
    timers.push(await benchTimers('embedded', 'sqlite', c8(commands, 'sqlite')));
    timers.push(await benchTimers('bullmq', 'mysql', c8(commands, 'mysql')));
  }
  if (part('queue')) queue = await benchQueue(cases);
  hostLoad('end');
  summarize(commands, queue, timers);
}
