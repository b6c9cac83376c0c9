/** Small helpers for benchmark figures: percentiles and the `bench <name> <value> <unit>` line. */

/** The p-th percentile (0..100) of samples. */
export function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

/** Prints one benchmark line. */
export function line(name: string, value: number, unit: string): void {
  process.stdout.write(`bench ${name} ${Number.isInteger(value) ? value : value.toFixed(2)} ${unit}\n`);
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
