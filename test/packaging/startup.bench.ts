/**
 * Start-up time on a seeded store: the production build (`build/`, compiled JavaScript) against the
 * sources run through tsx (the development bin) as the baseline, same data folder, same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { builtBin, sourceBin, startTongban, stopTongban } from './startTongban.ts';
// @ts-expect-error a plain .mjs script without declarations
import { build } from '../../scripts/build.mjs';

const ROUNDS = 3;

async function timeStarts(bin: string, dataDir: string, port: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const s = await startTongban(bin, { TONGBAN_DATA_DIR: dataDir }, port);
    times.push(s.ms);
    await stopTongban(s);
  }
  return times.sort((a, b) => a - b);
}

export async function run(): Promise<void> {
  (build as (o: { log: (s: string) => void }) => boolean)({ log: (s) => console.log(`# ${s}`) });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tongban-startup-'));
  try {
    // the first start migrates and seeds the sample county; what is measured is a restart on that store
    await stopTongban(await startTongban(builtBin, { TONGBAN_DATA_DIR: dataDir }, 3190));
    const built = await timeStarts(builtBin, dataDir, 3190);
    const source = await timeStarts(sourceBin, dataDir, 3190);
    const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;
    console.log(`bench startup.built-seeded ${median(built).toFixed(0)} ms (median of ${ROUNDS}, load ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')})`);
    console.log(`bench startup.tsx-seeded ${median(source).toFixed(0)} ms (baseline: the sources through tsx)`);
    console.log(`bench startup.built-vs-tsx ${(median(source) / median(built)).toFixed(2)} x faster`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
