/**
 * Engine benchmark (run by `npm run bench`, see scripts/bench.ts). Prints `bench <name> <value> <unit>`
 * lines, then one summary line per target (DESIGN.md §7: speed is measured by benchmarks, not timed tests).
 *
 * - `step` on bench-flow.json (6 states, a countersign of 3 in mode all, amount guards) vs the same
 *   transitions through raw XState `transition()` on a hand-written machine doing the same bookkeeping;
 * - per-step p50 / p99;
 * - compile time of a generated 50-state definition (`cache: false`), memory per compiled machine.
 *
 * Single thread, warm-up before every measurement, engine and raw rounds interleaved so drift hits both.
 */
import { and, assign, initialTransition, setup, transition, type AnyMachineSnapshot } from 'xstate';
import flow from './fixtures/bench-flow.json' with { type: 'json' };
import { compile, type CompiledDefinition } from '../compile/compile.ts';
import { pureTransition } from '../run/pureTransition.ts';
import { loadDefinition } from '../definition/load.ts';
import type { Definition } from '../definition/types.ts';
import type { RunOptions } from '../run/env.ts';
import { start, step, type LiveSnapshot } from '../run/step.ts';
import { act, actor, grid, testOptions } from '../testing/testkit.ts';

const targets = { ratio: 2, stepsPerSecond: 20_000, compileMs: 20 };
const t0 = Date.UTC(2026, 2, 2, 1, 0); // Mon 09:00 +08:00
/** Amounts cycle so every guard branch is taken: county (6 steps), township (5), community (5), straight to archive (4). */
const amounts = [60_000, 20_000, 5_000, 500];

function print(name: string, value: number, unit: string): void {
  const v = value >= 100 ? Math.round(value) : Number(value.toPrecision(3));
  console.log(`bench ${name} ${v} ${unit}`);
}

function load(def: object): Definition {
  const loaded = loadDefinition(def);
  if (!loaded.ok) throw new Error(`bench definition does not load: ${JSON.stringify(loaded.diagnostics, null, 1)}`);
  return loaded.definition;
}

// ── engine ───────────────────────────────────────────────────────────────────────────────────────

let caseNo = 0;
/** Runs one case to its end; the time of each `step` call goes into `out` (ms). Returns the steps taken. */
function engineCase(c: CompiledDefinition, opts: RunOptions, amount: number, out: number[] | undefined): number {
  const id = `bench-${++caseNo}`;
  let snap: LiveSnapshot = start(c, { caseId: id, orgPath: grid, data: {}, meta: { at: t0, id: `${id}:0`, actor: actor('gw1') } }, opts).snapshot;
  let at = t0;
  let n = 0;
  while (snap.status === 'active') {
    let task;
    for (const t of Object.values(snap.context.tasks)) if (t.status === 'pending') { task = t; break; }
    if (!task) throw new Error(`bench-flow stuck in ${JSON.stringify(snap.value)}`);
    const submit = task.state === 'apply';
    const ev = act(task.id, submit ? 'submit' : 'approve', task.assignee ?? task.candidates[0]!, (at += 60_000), submit ? { data: { amount } } : {});
    const s = performance.now();
    const r = step(c, snap, ev, opts);
    const e = performance.now();
    if (!r.accepted) throw new Error(`bench step refused: ${JSON.stringify(r.diagnostics)}`);
    out?.push(e - s);
    snap = r.snapshot;
    n++;
  }
  return n;
}

// ── raw XState: the same states and bookkeeping, by hand ─────────────────────────────────────────

type RawCtx = { amount: number; signers: string[]; approvedBy: string[]; handledBy: string[] };
type RawEvent = { type: 'submit'; amount: number; by: string } | { type: 'approve'; by: string };

const over = (min: number) => ({ type: 'over', params: { min } }) as const;
const rawMachine = setup({
  types: { context: {} as RawCtx, events: {} as RawEvent },
  guards: {
    /** a pending signer approves and others are still due */
    moreToCome: ({ context, event }) => context.signers.includes(event.by) && !context.approvedBy.includes(event.by) && context.approvedBy.length + 1 < context.signers.length,
    lastSigner: ({ context, event }) => context.signers.includes(event.by) && !context.approvedBy.includes(event.by) && context.approvedBy.length + 1 === context.signers.length,
    over: ({ context }, p: { min: number }) => context.amount > p.min,
  },
  actions: {
    record: assign({ amount: ({ event }) => (event.type === 'submit' ? event.amount : 0), handledBy: ({ context, event }) => [...context.handledBy, event.by] }),
    openCountersign: assign({ signers: () => ['co1', 'co2', 'co3'], approvedBy: () => [] }),
    countApproval: assign({ approvedBy: ({ context, event }) => [...context.approvedBy, event.by] }),
    handled: assign({ handledBy: ({ context, event }) => [...context.handledBy, event.by] }),
  },
}).createMachine({
  id: 'bench-flow-raw',
  context: { amount: 0, signers: [], approvedBy: [], handledBy: [] },
  initial: 'apply',
  states: {
    apply: { on: { submit: { target: 'countersign', actions: 'record' } } },
    countersign: {
      entry: 'openCountersign',
      on: {
        approve: [
          { guard: 'moreToCome', actions: 'countApproval' },
          { guard: and(['lastSigner', over(10_000)]), target: 'township', actions: 'countApproval' },
          { guard: and(['lastSigner', over(1_000)]), target: 'community_ok', actions: 'countApproval' },
          { guard: 'lastSigner', target: 'archived', actions: 'countApproval' },
        ],
      },
    },
    community_ok: { on: { approve: { target: 'archived', actions: 'handled' } } },
    township: { on: { approve: [{ guard: over(50_000), target: 'county', actions: 'handled' }, { target: 'archived', actions: 'handled' }] } },
    county: { on: { approve: { target: 'archived', actions: 'handled' } } },
    archived: { type: 'final' },
  },
});

const rawActors: Record<string, string[]> = { apply: ['gw1'], countersign: ['co1', 'co2', 'co3'], community_ok: ['co1'], township: ['tr1'], county: ['ca1'] };

/** `cached`: the hand-written machine through our cached-scope transition (the engine's own path). */
function rawCase(amount: number, out: number[] | undefined, cached = false): number {
  let [snap] = initialTransition(rawMachine) as [AnyMachineSnapshot, unknown];
  let n = 0;
  let signer = 0;
  while (snap.status === 'active') {
    const state = snap.value as string;
    const ev: RawEvent = state === 'apply'
      ? { type: 'submit', amount, by: 'gw1' }
      : { type: 'approve', by: state === 'countersign' ? rawActors.countersign![signer++]! : rawActors[state]![0]! };
    const s = performance.now();
    const [next] = cached ? pureTransition(rawMachine as never, snap, ev) : transition(rawMachine, snap as never, ev);
    const e = performance.now();
    if (next === snap) throw new Error(`raw machine refused ${JSON.stringify(ev)} in ${state}`);
    out?.push(e - s);
    snap = next as AnyMachineSnapshot;
    n++;
  }
  return n;
}

// ── the generated 50-state definition ────────────────────────────────────────────────────────────

/** A 50-state chain: every state a task with approve / reject-to-previous, amount guards that skip ahead, some countersigns and SLAs. */
export function generatedDefinition(states = 50): object {
  const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
  const roles = ['community-officer', 'township-reviewer', 'county-admin'] as const;
  const scopes = { 'community-officer': 'community', 'township-reviewer': 'township', 'county-admin': 'county' } as const;
  const spec: Record<string, unknown> = {};
  for (let i = 0; i < states - 1; i++) {
    const role = roles[i % roles.length]!;
    const next = i + 1 === states - 1 ? 'end' : `s${i + 1}`;
    const skip = i + 2 < states - 1 ? `s${i + 2}` : 'end';
    spec[`s${i}`] = {
      task: {
        title: t(`第${i}步`, `Step ${i}`),
        assignee: { role, scope: scopes[role] },
        ...(i % 10 === 5 && role === 'community-officer' ? { mode: 'all' } : i % 7 === 3 ? { mode: 'any' } : {}),
        decisions: {
          approve: { title: t('同意', 'Approve') },
          ...(i > 0 ? { reject: { title: t('驳回', 'Reject'), to: 'previous', requires: ['comment'] } } : {}),
        },
        ...(i % 5 === 0 ? { sla: { within: 'PT4H', clock: 'working', warnAt: 0.75 } } : {}),
      },
      on: {
        approve: [
          { target: skip, guard: { and: [{ '>': [{ var: 'data.amount' }, i * 1000] }, { '==': [{ var: 'data.fast' }, true] }] } },
          { target: next },
        ],
      },
    };
  }
  spec.end = { type: 'final', outcome: 'approved' };
  return {
    id: `bench-gen-${states}`, version: 1, schemaVersion: 1, title: t(`生成的${states}步流程`, `Generated ${states}-state flow`), category: 'bench',
    data: { type: 'object', properties: { amount: { type: 'number', 'x-pii': 'none' }, fast: { type: 'boolean', 'x-pii': 'none' } } },
    roles: Object.fromEntries(roles.map((r) => [r, { title: t(r, r) }])),
    initial: 's0',
    states: spec,
  };
}

// ── measurements ─────────────────────────────────────────────────────────────────────────────────

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

function stats(samples: number[]) {
  const sorted = Float64Array.from(samples).sort();
  const total = samples.reduce((a, b) => a + b, 0);
  return { mean: total / samples.length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), perSecond: (samples.length / total) * 1000 };
}

function measureSteps(): { engine: ReturnType<typeof stats>; raw: ReturnType<typeof stats>; rawCached: ReturnType<typeof stats>; steps: number } {
  const c = compile(load(flow));
  const opts = testOptions();
  for (let i = 0; i < 1500; i++) engineCase(c, opts, amounts[i % 4]!, undefined); // warm-up (JIT)
  for (let i = 0; i < 5000; i++) rawCase(amounts[i % 4]!, undefined);
  const engine: number[] = [];
  const raw: number[] = [];
  const rawCached: number[] = [];
  for (let i = 0; i < 5000; i++) rawCase(amounts[i % 4]!, undefined, true);
  for (let round = 0; round < 16; round++) { // short interleaved rounds: load spikes on a shared machine hit all sides
    for (let i = 0; i < 250; i++) engineCase(c, opts, amounts[i % 4]!, engine);
    for (let i = 0; i < 250; i++) rawCase(amounts[i % 4]!, raw);
    for (let i = 0; i < 250; i++) rawCase(amounts[i % 4]!, rawCached, true);
  }
  return { engine: stats(engine), raw: stats(raw), rawCached: stats(rawCached), steps: engine.length };
}

function measureCompile(def: Definition): number {
  for (let i = 0; i < 20; i++) compile(def, { cache: false });
  const runs = 100;
  const s = performance.now();
  for (let i = 0; i < runs; i++) compile(def, { cache: false });
  return (performance.now() - s) / runs;
}

function measureMemory(def: Definition): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  const keep: CompiledDefinition[] = [];
  const count = 200;
  compile(def, { cache: false });
  gc(); gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < count; i++) keep.push(compile(def, { cache: false }));
  gc(); gc();
  const after = process.memoryUsage().heapUsed;
  if (keep.length !== count) throw new Error('unreachable');
  return (after - before) / count;
}

/** Runs the engine benchmark and prints its figures and one summary line per target. */
export async function run(): Promise<void> {
  const { engine, raw, rawCached, steps } = measureSteps();
  const ratio = engine.mean / raw.mean;
  print('engine.step.throughput', engine.perSecond, 'steps/s');
  print('engine.step.p50', engine.p50 * 1000, 'µs');
  print('engine.step.p99', engine.p99 * 1000, 'µs');
  print('xstate.raw.step.throughput', raw.perSecond, 'steps/s');
  print('xstate.raw.step.p50', raw.p50 * 1000, 'µs');
  print('xstate.raw.step.p99', raw.p99 * 1000, 'µs');
  print('engine.step.ratio_vs_raw_xstate', ratio, 'x');
  // the engine calls machine.transition with a cached inert scope (compile/pureTransition.ts); the
  // same trick on the hand-written machine is the stricter baseline, printed so nobody is misled
  print('xstate.raw_cached_scope.step.throughput', rawCached.perSecond, 'steps/s');
  print('engine.step.ratio_vs_raw_xstate_cached_scope', engine.mean / rawCached.mean, 'x');
  print('engine.step.samples', steps, 'steps');

  const def50 = load(generatedDefinition(50));
  const compileMs = measureCompile(def50);
  print('engine.compile.50_states', compileMs, 'ms');
  print('engine.compile.bench_flow', measureCompile(load(flow)), 'ms');

  const mem50 = measureMemory(def50);
  const memFlow = measureMemory(load(flow));
  if (mem50 === undefined || memFlow === undefined) {
    console.log('skip engine.compile.memory: global.gc is not exposed (run node with --expose-gc, as `npm run bench` does)');
  } else {
    print('engine.compile.memory.50_states', mem50, 'bytes');
    print('engine.compile.memory.bench_flow', memFlow, 'bytes');
  }

  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
  console.log(`summary engine step time vs raw XState transition ≤ ${targets.ratio}x: ${ratio.toFixed(2)}x — ${verdict(ratio <= targets.ratio)}`);
  console.log(`summary engine step throughput ≥ ${targets.stepsPerSecond} steps/s: ${Math.round(engine.perSecond)} steps/s — ${verdict(engine.perSecond >= targets.stepsPerSecond)}`);
  console.log(`summary compile of a 50-state definition ≤ ${targets.compileMs} ms: ${compileMs.toFixed(2)} ms — ${verdict(compileMs <= targets.compileMs)}`);
}
