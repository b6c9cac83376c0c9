/** Small helpers for benchmark figures: percentiles, the `bench <name> <value> <unit>` line and target lines. */
import { loadavg } from 'node:os';

/** The p-th percentile (0..100) of samples. */
export function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

const fmt = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));

/** The host's 1, 5 and 15-minute load averages as one token (`load=1.20,0.90,0.70`). */
export function loadToken(): string {
  return `load=${loadavg().map((x) => x.toFixed(2)).join(',')}`;
}

/**
 * Prints one benchmark line, `bench <name> <value> <unit> load=<1m>,<5m>,<15m>`: the machine is
 * shared (2 cores, other processes), so every figure is read beside the load it was measured under.
 */
export function line(name: string, value: number, unit: string): void {
  process.stdout.write(`bench ${name} ${fmt(value)} ${unit} ${loadToken()}\n`);
}

/** Prints `target <name> <threshold> met|NOT MET (<value>)`; returns whether it was met. */
export function target(name: string, threshold: string, met: boolean, value: number, unit: string): boolean {
  process.stdout.write(`target ${name} ${threshold} ${met ? 'met' : 'NOT MET'} (${fmt(value)} ${unit}, ${loadToken()})\n`);
  return met;
}

/** Runs `total` jobs with `concurrency` workers; returns elapsed ms. */
export async function pool(total: number, concurrency: number, job: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) await job(next++);
  }));
  return performance.now() - t0;
}
