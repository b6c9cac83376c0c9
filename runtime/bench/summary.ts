/** One line per issue target: met / NOT MET, with the figure it was judged on. */
import type { CommandFigures } from './commands.bench.ts';
import type { QueueFigures } from './queue.bench.ts';

/** The best rate among concurrency levels whose p95 stays under the latency bound. */
function bestUnder(f: CommandFigures, p95Max: number) {
  const ok = f.levels.filter((l) => l.p95 < p95Max);
  return ok.sort((a, b) => b.rate - a.rate)[0];
}

/** Prints the target lines. */
export function summarize(commands: CommandFigures[], queue?: QueueFigures): void {
  const targets: Record<string, number> = { sqlite: 300, mysql: 200 };
  for (const f of commands) {
    const want = targets[f.dialect]!;
    const best = bestUnder(f, 100);
    const c32 = f.levels.find((l) => l.c === 32);
    const met = best !== undefined && best.rate >= want;
    const fig = best ? `${best.rate.toFixed(0)} cmd/s at c${best.c}, p95 ${best.p95.toFixed(1)} ms` : 'no level with p95 < 100 ms';
    console.log(`target ${f.dialect} ≥ ${want} cmd/s with p95 < 100 ms: ${met ? 'met' : 'NOT MET'} (${fig}; c32: ${c32?.rate.toFixed(0)} cmd/s, p95 ${c32?.p95.toFixed(1)} ms)`);
  }
  if (queue) {
    const met = queue.p95 < 50 && queue.cases >= 1_000_000;
    console.log(`target queue page p95 < 50 ms at 1,000,000 cases: ${met ? 'met' : 'NOT MET'} (p95 ${queue.p95.toFixed(1)} ms, p50 ${queue.p50.toFixed(1)} ms at ${queue.cases} cases)`);
  }
}
