/**
 * One line per issue-14 target, `target <name> <threshold> met|NOT MET (<value>)`, judged on the
 * figures measured in this run (the command path at c8 against the knex floor of the same run, the
 * real item's flow, the queue page, the timers).
 */
import type { CommandFigures } from './commands.bench.ts';
import type { QueueFigures } from './queue.bench.ts';
import type { TimerFigures } from './timers.bench.ts';
import { target } from './stats.ts';

/** Issue 14.5: what the command path must reach at concurrency 8 on each store. */
const commandTargets: Record<string, { rate: number; p95?: number }> = { sqlite: { rate: 500, p95: 50 }, mysql: { rate: 400 } };

function commandLines(f: CommandFigures): void {
  const c8 = f.levels.find((l) => l.c === 8);
  if (!c8) return;
  const name = `runtime.commands.${f.dialect}.c8`;
  const want = commandTargets[f.dialect]!;
  target(`${name}.ratio-to-floor`, '>=0.4', c8.ratio >= 0.4, c8.ratio, 'x');
  target(name, `>=${want.rate}cmd/s`, c8.rate >= want.rate, c8.rate, 'cmd/s');
  if (want.p95 !== undefined) target(`${name}.p95`, `<${want.p95}ms`, c8.p95 < want.p95, c8.p95, 'ms');
}

/** Prints the target lines for whatever parts ran. */
export function summarize(commands: CommandFigures[], queue?: QueueFigures, timers: TimerFigures[] = []): void {
  for (const f of commands) commandLines(f);
  if (queue) target('runtime.queue.page.p95', '<50ms@1000000cases', queue.p95 < 50 && queue.cases >= 1_000_000, queue.p95, `ms at ${queue.cases} cases`);
  // issue 14.6: timers falling due at 200/s fire within a second of their due time at p99
  for (const t of timers) target(`runtime.timers.${t.driver}.${t.dialect}.steady.p99-lag`, '<1000ms', t.p99 < 1000, t.p99, 'ms');
}
